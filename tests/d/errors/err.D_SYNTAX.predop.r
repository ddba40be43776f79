dscope: failed to compile script err.D_SYNTAX.predop.d: [D_SYNTAX] line 12: syntax error near ">="
   12 | /i != 0 && >= 5 || <= 10/
      |            ^
exit: 1
