dscope: script 'tst.setoptquiet.d' matched 2 probes
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN quiet now

exit: 0
