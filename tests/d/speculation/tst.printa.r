count 2

exit: 0
