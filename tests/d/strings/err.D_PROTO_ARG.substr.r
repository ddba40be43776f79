dscope: failed to compile script err.D_PROTO_ARG.substr.d: [D_PROTO_ARG] line 7: substr( ) argument #2 is incompatible with prototype:
	prototype: int
	 argument: string
    7 | 	x = substr("abc", "1");
      | 	                  ^
exit: 1
