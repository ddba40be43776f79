uid 0 gid 0
pid>0 1 tid>0 1

exit: 0
