dscope: script 'tst.multi.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN           1          2  x                                

exit: 0
