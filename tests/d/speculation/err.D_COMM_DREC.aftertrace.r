dscope: failed to compile script err.D_COMM_DREC.aftertrace.d: [D_COMM_DREC] line 8: commit( ) may not follow data-recording action(s)
    8 | 	commit(1);
      | 	^
exit: 1
