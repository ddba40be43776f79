sign+12 returns -1
sign+15 returns 0
sign+c returns 1
twice+2 tail-calls
add_one+3 returns 41
sum+c returns 6
sum+c returns 4
shared+0 returns 4

exit: 0
