dscope: failed to compile script err.D_PROTO_ARG.normalize.d: [D_PROTO_ARG] line 8: normalize( ) argument #2 is incompatible with prototype:
	prototype: uint64_t
	 argument: string
    8 | 	normalize(@a, "x");
      | 	^
exit: 1
