dscope: failed to compile script err.D_SYNTAX.ifnoparen.d: [D_SYNTAX] line 7: syntax error near "1"
    7 | 	if 1 { exit(0); }
      | 	   ^
exit: 1
