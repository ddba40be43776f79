a 1 30
b 1 10
a 2 20
b 2 40

exit: 0
