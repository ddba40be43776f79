dscope: failed to compile script err.D_OP_INT.strmod.d: [D_OP_INT] line 8: operator % requires operands of integral type
    8 | 	x = s % 2;
      | 	    ^
exit: 1
