3 12 0
16

exit: 0
