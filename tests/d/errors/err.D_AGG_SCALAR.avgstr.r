dscope: failed to compile script err.D_AGG_SCALAR.avgstr.d: [D_AGG_SCALAR] line 8: avg( ) argument #1 must be of scalar type
    8 | 	@a = avg("x");
      | 	         ^
exit: 1
