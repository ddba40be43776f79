b=0
a=2

exit: 0
