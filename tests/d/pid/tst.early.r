hello
hello
hello
__libc_start_main 1
main 1
writes 3

exit: 0
