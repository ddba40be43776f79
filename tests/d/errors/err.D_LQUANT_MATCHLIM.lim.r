dscope: failed to compile script err.D_LQUANT_MATCHLIM.lim.d: [D_LQUANT_MATCHLIM] line 8: lquantize( ) limit (argument #2) doesn't match previous declaration: expected 10, found 20
    8 | 	@a = lquantize(1, 0, 20, 1);
      | 	^
exit: 1
