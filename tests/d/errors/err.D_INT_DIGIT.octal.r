dscope: failed to compile script err.D_INT_DIGIT.octal.d: [D_INT_DIGIT] line 7: constant 09 contains invalid digit 9
    7 | 	x = 09;
      | 	    ^
exit: 1
