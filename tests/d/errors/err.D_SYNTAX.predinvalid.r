dscope: failed to compile script err.D_SYNTAX.predinvalid.d: [D_SYNTAX] line 12: syntax error near "!="
   12 | /i < != > 10/
      |      ^
exit: 1
