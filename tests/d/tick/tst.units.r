all fired

exit: 0
