dscope: failed to compile script err.D_PROTO_LEN.max.d: [D_PROTO_LEN] line 7: max( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	@m = max();
      | 	     ^
exit: 1
