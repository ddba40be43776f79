dscope: failed to compile script err.D_DIV_ZERO.const.d: [D_DIV_ZERO] line 7: expression contains division by zero
    7 | 	x = 1 / 0;
      | 	    ^
exit: 1
