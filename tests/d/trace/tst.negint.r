dscope: script 'tst.negint.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN          -2          3

exit: 0
