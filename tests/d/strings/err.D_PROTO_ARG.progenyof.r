dscope: failed to compile script err.D_PROTO_ARG.progenyof.d: [D_PROTO_ARG] line 7: progenyof( ) argument #1 is incompatible with prototype:
	prototype: pid_t
	 argument: string
    7 | 	x = progenyof("init");
      | 	              ^
exit: 1
