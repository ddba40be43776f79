dscope: failed to compile script err.D_PROTO_LEN.index.d: [D_PROTO_LEN] line 7: index( ) prototype mismatch: 4 args passed, at most 3 expected
    7 | 	x = index("abc", "b", 0, 1);
      | 	    ^
exit: 1
