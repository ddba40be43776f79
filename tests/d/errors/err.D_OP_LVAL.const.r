dscope: failed to compile script err.D_OP_LVAL.const.d: [D_OP_LVAL] line 7: operator = requires modifiable lvalue as an operand
    7 | 	1 = 2;
      | 	^
exit: 1
