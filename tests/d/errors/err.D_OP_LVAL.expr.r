dscope: failed to compile script err.D_OP_LVAL.expr.d: [D_OP_LVAL] line 8: operator = requires modifiable lvalue as an operand
    8 | 	(x + 1) = 2;
      | 	 ^
exit: 1
