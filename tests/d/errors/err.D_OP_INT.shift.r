dscope: failed to compile script err.D_OP_INT.shift.d: [D_OP_INT] line 8: operator << requires operands of integral type
    8 | 	x = 1 << s;
      | 	    ^
exit: 1
