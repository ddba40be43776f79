dscope: failed to compile script err.D_PROTO_LEN.clear.d: [D_PROTO_LEN] line 8: clear( ) prototype mismatch: 0 args passed, 1 expected
    8 | 	clear();
      | 	^
exit: 1
