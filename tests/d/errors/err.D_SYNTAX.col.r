dscope: failed to compile script err.D_SYNTAX.col.d: [D_SYNTAX] line 9: syntax error near ")"
    9 | 	z = (x + y) * (x - );
      | 	                   ^
exit: 1
