[build/progs/forker a b] [forker] pid 1 ppid 1 uid 1 lwpid 1 cpu 1
create forker (new pid 1, parent 1, uid 1 gid 1): 3
lwp-create (new tid 1, pid 1): 1

exit: 0
