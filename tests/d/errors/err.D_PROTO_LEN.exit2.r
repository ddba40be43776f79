dscope: failed to compile script err.D_PROTO_LEN.exit2.d: [D_PROTO_LEN] line 7: exit( ) prototype mismatch: 2 args passed, 1 expected
    7 | 	exit(1, 2);
      | 	^
exit: 1
