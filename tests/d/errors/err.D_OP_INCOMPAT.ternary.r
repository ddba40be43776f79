dscope: failed to compile script err.D_OP_INCOMPAT.ternary.d: [D_OP_INCOMPAT] line 9: operator ?: operands must have compatible types
    9 | 	x = c ? "a" : 2;
      | 	    ^
exit: 1
