a

exit: 0
