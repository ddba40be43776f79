dscope: failed to compile script err.D_STR_NL.string.d: [D_STR_NL] line 7: newline encountered in string literal
    7 | 	trace("abc
      | 	      ^
exit: 1
