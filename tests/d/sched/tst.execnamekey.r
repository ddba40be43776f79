
  getppid10                                                        11
exit: 0
