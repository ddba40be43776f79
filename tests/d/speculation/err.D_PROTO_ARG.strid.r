dscope: failed to compile script err.D_PROTO_ARG.strid.d: [D_PROTO_ARG] line 7: commit( ) argument #1 is incompatible with prototype:
	prototype: int
	 argument: string
    7 | 	commit("one");
      | 	       ^
exit: 1
