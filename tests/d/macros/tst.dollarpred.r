three

exit: 0
