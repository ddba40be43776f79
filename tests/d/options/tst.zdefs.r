zdefs ok

exit: 0
