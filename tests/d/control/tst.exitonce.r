before
after

exit: 0
