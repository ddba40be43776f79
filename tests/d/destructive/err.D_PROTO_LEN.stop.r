dscope: failed to compile script err.D_PROTO_LEN.stop.d: [D_PROTO_LEN] line 7: stop( ) prototype mismatch: 1 arg passed, 0 expected
    7 | 	stop(1);
      | 	^
exit: 1
