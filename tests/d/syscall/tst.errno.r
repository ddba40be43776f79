
        2                5
exit: 0
