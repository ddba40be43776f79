avg 2

exit: 0
