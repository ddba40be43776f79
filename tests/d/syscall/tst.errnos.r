sysmix
dup    errno 9 x1
readv  errno 9 x1
chdir  errno 2 x3

exit: 0
