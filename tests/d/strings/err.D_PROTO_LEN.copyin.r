dscope: failed to compile script err.D_PROTO_LEN.copyin.d: [D_PROTO_LEN] line 7: copyin( ) prototype mismatch: 1 arg passed, 2 expected
    7 | 	trace(copyin(0));
      | 	      ^
exit: 1
