dscope: failed to compile script err.D_SYNTAX.extrabrace.d: [D_SYNTAX] line 9: syntax error near "}"
    9 | }
      | ^
exit: 1
