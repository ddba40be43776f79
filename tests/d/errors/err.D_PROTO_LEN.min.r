dscope: failed to compile script err.D_PROTO_LEN.min.d: [D_PROTO_LEN] line 7: min( ) prototype mismatch: 2 args passed, 1 expected
    7 | 	@m = min(1, 2);
      | 	     ^
exit: 1
