both fired

exit: 0
