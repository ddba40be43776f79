dscope: failed to compile script err.D_PROTO_ARG.strtok.d: [D_PROTO_ARG] line 7: strtok( ) argument #1 is incompatible with prototype:
	prototype: char *
	 argument: int
    7 | 	x = strtok(1234, "abc");
      | 	           ^
exit: 1
