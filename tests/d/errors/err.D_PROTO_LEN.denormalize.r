dscope: failed to compile script err.D_PROTO_LEN.denormalize.d: [D_PROTO_LEN] line 8: denormalize( ) prototype mismatch: 0 args passed, 1 expected
    8 | 	denormalize();
      | 	^
exit: 1
