0 zero
1 one
2 two
3 other

exit: 0
