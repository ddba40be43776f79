a 1 30
a 2 20
b 1 10
b 2 40

exit: 0
