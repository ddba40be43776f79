dscope: failed to compile script err.D_PROTO_LEN.avg.d: [D_PROTO_LEN] line 7: avg( ) prototype mismatch: 2 args passed, 1 expected
    7 | 	@a = avg(1, 2);
      | 	     ^
exit: 1
