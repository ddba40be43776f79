min -7
max 5

exit: 0
