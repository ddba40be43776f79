sysmix
write returned 7 errno 0
nanosleep returned 0 errno 0

exit: 0
