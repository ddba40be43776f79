dscope: failed to compile script err.D_PRINTF_FMT_EMPTY.printf.d: [D_PRINTF_FMT_EMPTY] line 7: printf( ) format string is empty
    7 | 	printf("");
      | 	^
exit: 1
