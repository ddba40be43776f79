dscope: failed to compile script err.D_PRINTF_ARG_EXTRA.two.d: [D_PRINTF_ARG_EXTRA] line 8: printf( ) prototype mismatch: only 1 arguments required by this format string
    8 | 	printf("%s\n", "a", "b", "c");
      | 	^
exit: 1
