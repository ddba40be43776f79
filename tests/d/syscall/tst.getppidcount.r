
               10
exit: 0
