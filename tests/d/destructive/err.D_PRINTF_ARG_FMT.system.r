dscope: failed to compile script err.D_PRINTF_ARG_FMT.system.d: [D_PRINTF_ARG_FMT] line 7: system( ) argument #1 must be a string constant
    7 | 	system(execname);
      | 	       ^
exit: 1
