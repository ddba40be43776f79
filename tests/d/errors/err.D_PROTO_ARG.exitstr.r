dscope: failed to compile script err.D_PROTO_ARG.exitstr.d: [D_PROTO_ARG] line 7: exit( ) argument #1 is incompatible with prototype:
	prototype: int
	 argument: string
    7 | 	exit("no");
      | 	     ^
exit: 1
