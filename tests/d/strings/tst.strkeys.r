
  dt                                                                1
  dtraces                                                           1
  dtrace                                                            2
exit: 0
