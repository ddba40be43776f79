dscope: script 'tst.description.d' matched 2 probes
CPU     ID                    FUNCTION:NAME
  0      1                           :BEGIN 
  0      2                             :END 

exit: 0
