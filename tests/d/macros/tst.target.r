
        1               10
exit: 0
