dscope: failed to compile script err.D_AGG_REDEF.quantlquant.d: [D_AGG_REDEF] line 8: aggregation redefined: @a
	 current: @a = lquantize( )
	previous: @a = quantize( ) : line 7
    8 | 	@a = lquantize(1, 0, 10, 1);
      | 	^
exit: 1
