[foobar] [foobar42]
[-1234] [0] [9223372036854775807] [-9223372036854775808]
[HELLO, WORLD! 123] [abc def]
[foobar] 0

exit: 0
