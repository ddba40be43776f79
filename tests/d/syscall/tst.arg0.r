hello
hello
hello
write fd 1 len 6: 3
close fd -1: 4

exit: 0
