dscope: failed to compile script err.D_OP_ARITH.strmul.d: [D_OP_ARITH] line 8: operator * requires operands of arithmetic type
    8 | 	x = s * 2;
      | 	    ^
exit: 1
