
  neg                                                              -1
  pos                                                               1
  seven                                                             3
exit: 0
