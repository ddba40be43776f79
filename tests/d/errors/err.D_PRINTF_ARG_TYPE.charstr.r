dscope: failed to compile script err.D_PRINTF_ARG_TYPE.charstr.d: [D_PRINTF_ARG_TYPE] line 7: printf( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: %c
	 prototype: char, short, or int
	  argument: string
    7 | 	printf("%c\n", "x");
      | 	               ^
exit: 1
