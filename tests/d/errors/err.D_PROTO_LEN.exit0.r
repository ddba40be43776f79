dscope: failed to compile script err.D_PROTO_LEN.exit0.d: [D_PROTO_LEN] line 7: exit( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	exit();
      | 	^
exit: 1
