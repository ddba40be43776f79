dscope: script 'tst.ustackact.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0    967                          c:entry 
              chain`c
              chain`b+0x76
              chain`a+0x6c
              chain`main+0xb5

20
dscope: pid PID has exited

exit: 0
