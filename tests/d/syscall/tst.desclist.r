sysmix

  dup                                                               1
  chdir                                                             3
exit: 0
