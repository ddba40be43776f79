dscope: failed to compile script err.D_CLEAR_AGGARG.int.d: [D_CLEAR_AGGARG] line 7: clear( ) argument #1 is incompatible with prototype:
	prototype: aggregation
	 argument: int
    7 | 	clear(1);
      | 	^
exit: 1
