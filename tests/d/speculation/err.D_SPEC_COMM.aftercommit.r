dscope: failed to compile script err.D_SPEC_COMM.aftercommit.d: [D_SPEC_COMM] line 8: speculate( ) may not follow commit( )
    8 | 	speculate(1);
      | 	^
exit: 1
