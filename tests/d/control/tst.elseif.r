0 zero
1 one
2 even
3 odd
4 big

exit: 0
