dscope: failed to compile script err.D_SYNTAX.elseonly.d: [D_SYNTAX] line 7: syntax error near "else"
    7 | 	else
      | 	^
exit: 1
