intervals >= 5: 1
0 < on-CPU total < wall time: 1

exit: 0
