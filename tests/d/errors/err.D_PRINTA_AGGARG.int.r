dscope: failed to compile script err.D_PRINTA_AGGARG.int.d: [D_PRINTA_AGGARG] line 8: printa( ) argument #2 is incompatible with prototype:
	prototype: aggregation
	 argument: int
    8 | 	printa("%d\n", 1);
      | 	^
exit: 1
