dscope: failed to compile script err.D_DECL_IDRED.types.d: [D_DECL_IDRED] line 6: identifier redeclared: x
	 current: scalar char
	previous: scalar int
    6 | char x;
      | ^
exit: 1
