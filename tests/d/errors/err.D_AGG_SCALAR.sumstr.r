dscope: failed to compile script err.D_AGG_SCALAR.sumstr.d: [D_AGG_SCALAR] line 7: sum( ) argument #1 must be of scalar type
    7 | 	@a = sum("x");
      | 	         ^
exit: 1
