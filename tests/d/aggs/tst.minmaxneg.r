min a -10
min b -1
max a -3
max b -1

exit: 0
