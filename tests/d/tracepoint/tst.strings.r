exec /bin/true pid ok 1 old_pid ok 1
fork forker -> forker (child pid larger 1): 4

exit: 0
