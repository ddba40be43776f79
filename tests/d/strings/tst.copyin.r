[hello] [hello] 6c6c6568 104 2671
[hello] [hello] 6c6c6568 104 2671

exit: 0
