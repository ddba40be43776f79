dscope: failed to compile script err.D_UNKNOWN.panic.d: [D_UNKNOWN] line 7: panic( ) is not supported: dscope never panics the kernel
    7 | 	panic();
      | 	^
exit: 1
