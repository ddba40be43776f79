dscope: failed to compile script err.D_SYNTAX.badop.d: [D_SYNTAX] line 7: syntax error near "/"
    7 | 	x = * / 2;
      | 	      ^
exit: 1
