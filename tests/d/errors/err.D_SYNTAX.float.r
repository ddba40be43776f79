dscope: failed to compile script err.D_SYNTAX.float.d: [D_SYNTAX] line 7: floating-point constants are not permitted
    7 | 	x = 1.5;
      | 	    ^
exit: 1
