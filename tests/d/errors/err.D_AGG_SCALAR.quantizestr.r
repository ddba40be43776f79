dscope: failed to compile script err.D_AGG_SCALAR.quantizestr.d: [D_AGG_SCALAR] line 7: quantize( ) argument #1 must be of scalar type
    7 | 	@q = quantize("x");
      | 	              ^
exit: 1
