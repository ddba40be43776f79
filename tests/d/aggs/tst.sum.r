
              107
exit: 0
