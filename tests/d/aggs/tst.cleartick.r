a 0
b 1

exit: 0
