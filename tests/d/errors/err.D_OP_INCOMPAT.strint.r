dscope: failed to compile script err.D_OP_INCOMPAT.strint.d: [D_OP_INCOMPAT] line 8: operands have incompatible types: "string" = "int"
    8 | 	s = 1;
      | 	^
exit: 1
