dscope: failed to compile script err.D_PROTO_ARG.strstr.d: [D_PROTO_ARG] line 7: strstr( ) argument #1 is incompatible with prototype:
	prototype: char *
	 argument: int
    7 | 	x = strstr(pid, "1");
      | 	           ^
exit: 1
