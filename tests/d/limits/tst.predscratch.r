8

exit: 0
