145
all:

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
largest:

              chain`c
              chain`b+0x76
              chain`a+0x6c
              chain`a+0x46
                2

exit: 0
