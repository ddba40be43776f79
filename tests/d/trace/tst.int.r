dscope: script 'tst.int.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN          42

exit: 0
