open     0     7
write    1     0
read     2   100

exit: 0
