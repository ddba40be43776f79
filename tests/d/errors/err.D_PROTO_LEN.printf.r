dscope: failed to compile script err.D_PROTO_LEN.printf.d: [D_PROTO_LEN] line 7: printf( ) prototype mismatch: 0 args passed, 1 expected
    7 | 	printf();
      | 	^
exit: 1
