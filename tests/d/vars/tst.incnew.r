2 8

exit: 0
