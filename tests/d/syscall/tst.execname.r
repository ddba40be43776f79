
  getppid10                                           getppid                                                          10
exit: 0
