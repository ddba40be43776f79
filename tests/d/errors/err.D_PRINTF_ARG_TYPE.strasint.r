dscope: failed to compile script err.D_PRINTF_ARG_TYPE.strasint.d: [D_PRINTF_ARG_TYPE] line 7: printf( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: %d
	 prototype: char, short, int, long, or long long
	  argument: string
    7 | 	printf("%d\n", "str");
      | 	               ^
exit: 1
