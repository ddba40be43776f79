
  close                                                     1                1
  close                                                     3                1
  open                                                      3                2
exit: 0
