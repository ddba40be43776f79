dscope: failed to compile script err.D_LQUANT_MATCHBASE.base.d: [D_LQUANT_MATCHBASE] line 8: lquantize( ) base (argument #1) doesn't match previous declaration: expected 0, found 5
    8 | 	@a = lquantize(1, 5, 10, 1);
      | 	^
exit: 1
