dscope: failed to compile script err.D_PROTO_ARG.aggkey.d: [D_PROTO_ARG] line 9: @a[ ] key #1 is incompatible with prototype:
	prototype: int
	      key: string
    9 | 	@a["x"] = count();
      | 	^
exit: 1
