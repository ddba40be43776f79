dscope: failed to compile script err.D_SPEC_DREC.aftertrace.d: [D_SPEC_DREC] line 8: speculate( ) may not follow data-recording action(s)
    8 | 	speculate(1);
      | 	^
exit: 1
