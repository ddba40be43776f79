even 6
odd 9

exit: 0
