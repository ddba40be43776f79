
  xyz                                                               1
  abcdefg                                                           2
exit: 0
