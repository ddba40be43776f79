3 12
13

exit: 0
