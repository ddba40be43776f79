20 global 0
20 5

exit: 0
