dscope: failed to compile script err.D_PRINTA_PROTO.noagg.d: [D_PRINTA_PROTO] line 7: printa( ) prototype mismatch: 1 args passed, 2 expected
    7 | 	printa("%d");
      | 	^
exit: 1
