fast > slow: 1
slow: 2

exit: 0
