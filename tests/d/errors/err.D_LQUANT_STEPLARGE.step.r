dscope: failed to compile script err.D_LQUANT_STEPLARGE.step.d: [D_LQUANT_STEPLARGE] line 7: lquantize( ) step (argument #3) too large: must have at least one quantization level
    7 | 	@a = lquantize(1, 0, 10, 20);
      | 	     ^
exit: 1
