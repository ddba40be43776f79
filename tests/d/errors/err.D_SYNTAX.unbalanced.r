dscope: failed to compile script err.D_SYNTAX.unbalanced.d: [D_SYNTAX] line 7: extra ) in input stream
    7 | 	trace((1 + 2)));
      | 	              ^
exit: 1
