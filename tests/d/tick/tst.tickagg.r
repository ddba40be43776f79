
               40
exit: 0
