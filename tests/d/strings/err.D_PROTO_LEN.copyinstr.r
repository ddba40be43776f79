dscope: failed to compile script err.D_PROTO_LEN.copyinstr.d: [D_PROTO_LEN] line 8: copyinstr( ) prototype mismatch: 3 args passed, at most 2 expected
    8 | 	x = copyinstr(0, 1, 2);
      | 	    ^
exit: 1
