
  b                                                                 1
  a                                                                 2
  c                                                                 3
exit: 0
