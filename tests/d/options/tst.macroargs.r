34 hello 5

exit: 0
