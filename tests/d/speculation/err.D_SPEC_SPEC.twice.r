dscope: failed to compile script err.D_SPEC_SPEC.twice.d: [D_SPEC_SPEC] line 8: speculate( ) may not follow speculate( )
    8 | 	speculate(1);
      | 	^
exit: 1
