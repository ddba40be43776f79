hello
hello
hello
id 1 arg0 1 arg2 6 (int)arg0 1: 3
id 3 arg0 4294967295 arg2 0 (int)arg0 -1: 4
close returned -9: 4

exit: 0
