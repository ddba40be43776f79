two one two

exit: 0
