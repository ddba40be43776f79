sysmix
sysmix uid=0 gid=0

exit: 0
