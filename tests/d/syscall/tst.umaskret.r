sysmix
umask(22) returned 77

exit: 0
