sysmix
syscall:vmlinux:dup:entry
syscall:vmlinux:dup:return

exit: 0
