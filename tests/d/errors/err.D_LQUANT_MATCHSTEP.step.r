dscope: failed to compile script err.D_LQUANT_MATCHSTEP.step.d: [D_LQUANT_MATCHSTEP] line 8: lquantize( ) step (argument #3) doesn't match previous declaration: expected 1, found 2
    8 | 	@a = lquantize(1, 0, 10, 2);
      | 	^
exit: 1
