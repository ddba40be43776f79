dscope: failed to compile script err.D_DIV_ZERO.diveq.d: [D_DIV_ZERO] line 8: expression contains division by zero
    8 | 	x /= 0;
      | 	^
exit: 1
