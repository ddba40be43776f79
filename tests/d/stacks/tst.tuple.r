dscope: script 'tst.tuple.d' matched 1 probe
145
dscope: pid PID has exited

  c                                                 
              chain`c
              chain`b+0x76
              chain`a+0x6c
                5                3
exit: 0
