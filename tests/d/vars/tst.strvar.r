second first 0 1

exit: 0
