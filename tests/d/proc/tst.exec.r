exec /nonexistent/program
exec-failure 2
exec /bin/true
exec-success true

exit: 0
