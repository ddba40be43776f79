dscope: failed to compile script err.D_PRINTF_AGG_CONV.printf.d: [D_PRINTF_AGG_CONV] line 7: %@ conversion requires an aggregation and is not for use with printf( )
    7 | 	printf("%@d\n", 1);
      | 	^
exit: 1
