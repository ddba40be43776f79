sysmix
umask calls: 2

exit: 0
