145
all:

              chain-fp`c
              chain-fp`b+0x75
              chain-fp`a+0x63
              chain-fp`main+0xb5
                1

              chain-fp`c
              chain-fp`b+0x75
              chain-fp`a+0x63
              chain-fp`a+0x43
                2
largest:

              chain-fp`c
              chain-fp`b+0x75
              chain-fp`a+0x63
              chain-fp`a+0x43
                2

exit: 0
