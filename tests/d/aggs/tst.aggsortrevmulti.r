
               -3
  y                                                                 5
  z                                                                 2
  x                                                                 1
exit: 0
