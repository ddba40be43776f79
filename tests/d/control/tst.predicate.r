three
between

exit: 0
