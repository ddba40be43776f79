
  two                                                               2
  three                                                             3
exit: 0
