dscope: failed to compile script err.D_PRINTF_ARG_TYPE.system.d: [D_PRINTF_ARG_TYPE] line 7: system( ) argument #2 is incompatible with conversion #1 prototype:
	conversion: %d
	 prototype: char, short, int, long, or long long
	  argument: string
    7 | 	system("kill -9 %d", execname);
      | 	                     ^
exit: 1
