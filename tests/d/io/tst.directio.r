start read   4096 4
start write  4096 4
done read  error 0 1
done write error 0 1
file <unknown> device named 1 path 1: 8

exit: 0
