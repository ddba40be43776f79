begin ran

exit: 0
