
  delta                                                             1
  charlie                                                           2
  bravo                                                             3
  alpha                                                             4
exit: 0
