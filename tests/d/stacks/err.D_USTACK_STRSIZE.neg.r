dscope: failed to compile script err.D_USTACK_STRSIZE.neg.d: [D_USTACK_STRSIZE] line 7: ustack( ) argument #2 must be a non-negative integral constant expression
    7 | 	@[ustack(4, -1)] = count();
      | 	            ^
exit: 1
