dscope: failed to compile script err.D_PROTO_LEN.aggkeys.d: [D_PROTO_LEN] line 8: @a[ ] prototype mismatch: 2 keys passed, 1 expected
    8 | 	@a[1, 2] = count();
      | 	^
exit: 1
