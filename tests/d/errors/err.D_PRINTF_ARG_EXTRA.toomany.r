dscope: failed to compile script err.D_PRINTF_ARG_EXTRA.toomany.d: [D_PRINTF_ARG_EXTRA] line 7: printf( ) prototype mismatch: only 1 arguments required by this format string
    7 | 	printf("%d\n", 1, 2);
      | 	^
exit: 1
