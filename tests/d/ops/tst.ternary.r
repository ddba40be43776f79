10 20
5
yes
no

exit: 0
