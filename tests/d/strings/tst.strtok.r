[defghijklmnopqrstuvwxyz]
[ABCDEFGHIJKL]
[PQRSTUVWXYZabcdefghijklmnopqrstuvwxyzABCDEFGHIJKL]
[MNOPQRSTUVWXYZ]
1
1 1
[a] [b] [c ] 1
1
[x] [1]
1

exit: 0
