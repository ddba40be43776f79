dscope: script 'tst.beginend.d' matched 2 probes
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN           1
  0      2                             :END           2

exit: 0
