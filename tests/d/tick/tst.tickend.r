end, i = 5

  odd                                                               2
  even                                                              3
exit: 0
