profile tick-20ms

exit: 0
