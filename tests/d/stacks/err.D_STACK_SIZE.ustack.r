dscope: failed to compile script err.D_STACK_SIZE.ustack.d: [D_STACK_SIZE] line 7: ustack( ) argument #1 must be a non-zero positive integral constant expression of at most 127
    7 | 	@[ustack(0)] = count();
      | 	         ^
exit: 1
