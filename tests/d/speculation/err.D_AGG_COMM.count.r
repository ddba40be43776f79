dscope: failed to compile script err.D_AGG_COMM.count.d: [D_AGG_COMM] line 8: aggregating actions may not follow commit( )
    8 | 	@c = count();
      | 	^
exit: 1
