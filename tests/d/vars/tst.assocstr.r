one two

exit: 0
