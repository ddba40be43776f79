at least 10: 1

exit: 0
