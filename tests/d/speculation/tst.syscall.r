openat(/nonexistent/dscope-a) = -2, errno 2
openat(/nonexistent/dscope-b) = -2, errno 2
openat(/nonexistent/dscope-c) = -2, errno 2

exit: 0
