6 [abcde]
abcde

exit: 0
