ids 1 2 3
kept 3
kept 1
free again: 1

exit: 0
