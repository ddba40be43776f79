dscope: failed to compile script err.D_AGG_REDEF.countsum.d: [D_AGG_REDEF] line 8: aggregation redefined: @a
	 current: @a = sum( )
	previous: @a = count( ) : line 7
    8 | 	@a = sum(1);
      | 	^
exit: 1
