dscope: failed to compile script err.D_SYNTAX.emptyexpr.d: [D_SYNTAX] line 7: syntax error near ";"
    7 | 	x = ;
      | 	    ^
exit: 1
