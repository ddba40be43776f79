
  x                                                                10
  y                                                                35

  x                                                              1000
  y                                                              3500

exit: 0
