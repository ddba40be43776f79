42 7 49

exit: 0
