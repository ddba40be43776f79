3 1 4

exit: 0
