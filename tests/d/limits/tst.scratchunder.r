abcd

exit: 0
