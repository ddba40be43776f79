call 1
call 2
call 3
call 4
call 5
call 6
call 7
call 8

exit: 0
