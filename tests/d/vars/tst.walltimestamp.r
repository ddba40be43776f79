wall: 1
mono: 1
positive: 1

exit: 0
