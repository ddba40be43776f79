159

exit: 0
