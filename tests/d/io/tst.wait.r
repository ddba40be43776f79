waited: 1, woke as often: 1

exit: 0
