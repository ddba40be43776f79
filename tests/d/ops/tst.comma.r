42 2

exit: 0
