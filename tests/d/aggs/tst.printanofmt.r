
  k                                                                 1

exit: 0
