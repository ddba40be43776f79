dscope: script 'tst.noaction.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN 

exit: 0
