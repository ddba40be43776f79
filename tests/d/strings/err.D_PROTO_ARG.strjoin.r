dscope: failed to compile script err.D_PROTO_ARG.strjoin.d: [D_PROTO_ARG] line 7: strjoin( ) argument #2 is incompatible with prototype:
	prototype: string
	 argument: int
    7 | 	x = strjoin("a", 1);
      | 	                 ^
exit: 1
