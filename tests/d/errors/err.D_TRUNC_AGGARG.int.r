dscope: failed to compile script err.D_TRUNC_AGGARG.int.d: [D_TRUNC_AGGARG] line 7: trunc( ) argument #1 is incompatible with prototype:
	prototype: aggregation
	 argument: int
    7 | 	trunc(1);
      | 	^
exit: 1
