dscope: failed to compile script err.D_DREC_COMM.printf.d: [D_DREC_COMM] line 8: data-recording actions may not follow commit( )
    8 | 	printf("x");
      | 	^
exit: 1
