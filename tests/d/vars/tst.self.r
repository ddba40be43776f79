43
0

exit: 0
