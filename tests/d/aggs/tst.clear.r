
  a                                                                 0
  b                                                                 0
exit: 0
