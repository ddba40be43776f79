-7 str A

exit: 0
