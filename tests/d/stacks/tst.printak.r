145

chain`c
chain`b+0x76
chain`a+0x6c
       3
[
             chain`c
        chain`b+0x76
        chain`a+0x6c
] 3
[
                chain`c
                chain`b+0x76
                chain`a+0x6c
] 3

exit: 0
