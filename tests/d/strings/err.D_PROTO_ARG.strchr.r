dscope: failed to compile script err.D_PROTO_ARG.strchr.d: [D_PROTO_ARG] line 7: strchr( ) argument #2 is incompatible with prototype:
	prototype: char
	 argument: string
    7 | 	x = strchr("abc", "b");
      | 	                  ^
exit: 1
