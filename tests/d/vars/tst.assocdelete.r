0
8

exit: 0
