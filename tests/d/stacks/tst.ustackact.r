dscope: script 'tst.ustackact.d' matched 1 probe
CPU     ID                    FUNCTION:NAME
  0    967                          b:entry 
              fpstatic`b
              fpstatic`a+0x9
              fpstatic`fp_main+0x5c
              fpstatic`_start+0x14

  0    967                          b:entry 
              fpstatic`b
              fpstatic`a+0x9
              fpstatic`fp_main+0x5c
              fpstatic`_start+0x14

dscope: pid PID has exited

exit: 0
