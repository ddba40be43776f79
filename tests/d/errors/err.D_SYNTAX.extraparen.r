dscope: failed to compile script err.D_SYNTAX.extraparen.d: [D_SYNTAX] line 7: extra ) in input stream
    7 | 	x = (1 + 2));
      | 	           ^
exit: 1
