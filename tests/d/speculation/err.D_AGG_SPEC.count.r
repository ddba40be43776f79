dscope: failed to compile script err.D_AGG_SPEC.count.d: [D_AGG_SPEC] line 8: aggregating actions may not follow speculate( )
    8 | 	@c[probefunc] = count();
      | 	^
exit: 1
