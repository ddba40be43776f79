quiet

exit: 0
