
  alpha                                                             4
  bravo                                                             3
  charlie                                                           2
  delta                                                             1
exit: 0
