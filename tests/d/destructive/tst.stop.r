SIGSTOP sent to the target
the target is still stopped

exit: 0
