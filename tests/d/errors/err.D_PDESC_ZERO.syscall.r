dscope: failed to compile script err.D_PDESC_ZERO.syscall.d: [D_PDESC_ZERO] line 5: probe description syscall::nosuchsyscall:entry does not match any probes
    5 | syscall::nosuchsyscall:entry
      | ^
exit: 1
