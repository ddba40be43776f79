1two3

exit: 0
