start forker (new pid 1): 3
lwp-start forker (new tid 1): 1

exit: 0
