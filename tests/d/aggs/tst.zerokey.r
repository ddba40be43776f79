
  BEGIN                                                             0
exit: 0
