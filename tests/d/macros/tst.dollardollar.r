hello 1

exit: 0
