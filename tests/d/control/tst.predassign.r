5

exit: 0
