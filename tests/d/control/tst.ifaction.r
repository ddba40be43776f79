
  yes                                                               1
exit: 4
