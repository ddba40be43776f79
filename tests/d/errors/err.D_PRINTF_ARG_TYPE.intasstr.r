dscope: failed to compile script err.D_PRINTF_ARG_TYPE.intasstr.d: [D_PRINTF_ARG_TYPE] line 7: printf( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: %s
	 prototype: char [] or string (or use stringof)
	  argument: int
    7 | 	printf("%s\n", 42);
      | 	               ^
exit: 1
