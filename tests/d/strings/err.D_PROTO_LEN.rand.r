dscope: failed to compile script err.D_PROTO_LEN.rand.d: [D_PROTO_LEN] line 7: rand( ) prototype mismatch: 1 arg passed, 0 expected
    7 | 	x = rand(1);
      | 	    ^
exit: 1
