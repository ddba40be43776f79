dscope: failed to compile script err.D_PROTO_LEN.trace.d: [D_PROTO_LEN] line 7: trace( ) prototype mismatch: 2 args passed, 1 expected
    7 | 	trace(1, 2);
      | 	^
exit: 1
