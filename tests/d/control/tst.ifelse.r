medium
five
else 1

exit: 0
