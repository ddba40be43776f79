a not b

exit: 0
