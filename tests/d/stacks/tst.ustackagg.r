dscope: script 'tst.ustackagg.d' matched 1 probe
145
dscope: pid PID has exited


              chain`c
              chain`b+0x76
              chain`a+0x6c
              chain`main+0xb5
                1

              chain`c
              chain`b+0x76
              chain`a+0x6c
              chain`a+0x46
                2
exit: 0
