dscope: failed to compile script err.D_PROTO_LEN.count.d: [D_PROTO_LEN] line 7: count( ) prototype mismatch: 1 arg passed, 0 expected
    7 | 	@a = count(1);
      | 	     ^
exit: 1
