dscope: script 'tst.systempragma.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN from the shell


exit: 0
