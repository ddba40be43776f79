dscope: failed to compile script err.D_DREC_COMM.exit.d: [D_DREC_COMM] line 8: data-recording actions may not follow commit( )
    8 | 	exit(0);
      | 	^
exit: 1
