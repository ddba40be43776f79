enqueued at least 5 times: 1
dequeued at least 5 times: 1
arguments agree: 1

exit: 0
