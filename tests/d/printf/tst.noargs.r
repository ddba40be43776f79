one two three

exit: 0
