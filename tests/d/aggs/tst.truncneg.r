
  one                                                               1
  two                                                               2
exit: 0
