
                3
exit: 0
