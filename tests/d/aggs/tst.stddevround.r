one 0
two 1
wide 5

exit: 0
