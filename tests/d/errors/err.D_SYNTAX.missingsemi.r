dscope: failed to compile script err.D_SYNTAX.missingsemi.d: [D_SYNTAX] line 8: syntax error near "y"
    8 | 	y = 2;
      | 	^
exit: 1
