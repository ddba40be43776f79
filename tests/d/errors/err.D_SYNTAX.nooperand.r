dscope: failed to compile script err.D_SYNTAX.nooperand.d: [D_SYNTAX] line 5: syntax error near ")"
    5 | BEGIN { trace(1 +); }
      |                  ^
exit: 1
