7 7 7
4
3

exit: 0
