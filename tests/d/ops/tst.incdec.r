5 6 7 7 5 5

exit: 0
