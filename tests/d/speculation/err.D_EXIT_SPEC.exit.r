dscope: failed to compile script err.D_EXIT_SPEC.exit.d: [D_EXIT_SPEC] line 8: exit( ) may not follow speculate( )
    8 | 	exit(0);
      | 	^
exit: 1
