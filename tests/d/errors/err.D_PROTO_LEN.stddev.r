dscope: failed to compile script err.D_PROTO_LEN.stddev.d: [D_PROTO_LEN] line 7: stddev( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	@s = stddev();
      | 	     ^
exit: 1
