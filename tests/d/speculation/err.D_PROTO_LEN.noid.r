dscope: failed to compile script err.D_PROTO_LEN.noid.d: [D_PROTO_LEN] line 7: speculate( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	speculate();
      | 	^
exit: 1
