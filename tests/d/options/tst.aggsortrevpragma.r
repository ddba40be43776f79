c 2
b 1
a 1

exit: 0
