dscope: failed to compile script err.D_DIV_ZERO.mod.d: [D_DIV_ZERO] line 7: expression contains division by zero
    7 | 	x = 10 % 0;
      | 	    ^
exit: 1
