n = 25

exit: 0
