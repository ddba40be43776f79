dscope: failed to compile script err.D_OP_LVAL.incconst.d: [D_OP_LVAL] line 7: operator ++ requires modifiable lvalue as an operand
    7 | 	5++;
      | 	^
exit: 1
