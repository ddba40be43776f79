handled 1 SIGUSR1

exit: 0
