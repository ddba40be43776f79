
                2
exit: 0
