dscope: failed to compile script err.D_PROTO_LEN.sum.d: [D_PROTO_LEN] line 7: sum( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	@a = sum();
      | 	     ^
exit: 1
