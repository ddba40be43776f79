dscope: failed to compile script err.D_OP_INCOMPAT.strnull.d: [D_OP_INCOMPAT] line 7: operands have incompatible types: "string" == "int"
    7 | 	x = strstr("abc", "b") == 1;
      | 	    ^
exit: 1
