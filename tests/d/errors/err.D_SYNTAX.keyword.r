dscope: failed to compile script err.D_SYNTAX.keyword.d: [D_SYNTAX] line 7: syntax error near "int"
    7 | 	int = 3;
      | 	^
exit: 1
