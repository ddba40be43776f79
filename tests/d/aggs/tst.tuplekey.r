
        1  one                                                              10
        2  two                                                              21
exit: 0
