hello
hello
hello
write returned 6: 3
close errno 9: 4

exit: 0
