waited at least 8 times: 1, woke as often: 1

exit: 0
