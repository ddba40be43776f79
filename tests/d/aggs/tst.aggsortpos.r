y 2 10
z 3 20
x 1 30

exit: 0
