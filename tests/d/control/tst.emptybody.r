ran

exit: 0
