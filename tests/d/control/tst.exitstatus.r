
exit: 3
