dscope: script 'tst.nonquiet.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN          42
  0      1                           :BEGIN   end                              

exit: 0
