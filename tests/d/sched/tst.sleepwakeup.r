sleeps >= 5: 1, wakeups >= 5: 1, main thread: 1

exit: 0
