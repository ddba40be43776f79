sent 10: 2
handled 10: 2

exit: 0
