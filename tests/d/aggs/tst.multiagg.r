
  x                                                                 1
  z                                                                 2
  y                                                                 5
               -3
exit: 0
