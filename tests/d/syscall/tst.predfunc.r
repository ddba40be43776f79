sysmix

  chdir                                                             3
exit: 0
