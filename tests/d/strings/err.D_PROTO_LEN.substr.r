dscope: failed to compile script err.D_PROTO_LEN.substr.d: [D_PROTO_LEN] line 8: substr( ) prototype mismatch: 1 arg passed, at least 2 expected
    8 | 	x = substr("abc");
      | 	    ^
exit: 1
