tst.argc.d

exit: 0
