dscope: failed to compile script err.D_COPYIN_SIZE.zero.d: [D_COPYIN_SIZE] line 7: copyin( ) size must be between 1 and 4096 bytes
    7 | 	trace(copyin(0, 0));
      | 	                ^
exit: 1
