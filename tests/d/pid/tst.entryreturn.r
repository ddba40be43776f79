work(0)
= 1
work(1)
= 3
work(2)
= 5

exit: 0
