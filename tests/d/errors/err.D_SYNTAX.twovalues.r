dscope: failed to compile script err.D_SYNTAX.twovalues.d: [D_SYNTAX] line 7: syntax error near "2"
    7 | 	printf("%d\n", 1 2);
      | 	                 ^
exit: 1
