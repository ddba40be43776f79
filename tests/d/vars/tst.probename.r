[dtrace:::BEGIN]
[dtrace:::END]

exit: 0
