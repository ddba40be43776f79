exec-success: true
processes created: 3
child pid after parent's: 1
threads created: 1
exit reason 2: 1
exit reason 1: 2

exit: 0
