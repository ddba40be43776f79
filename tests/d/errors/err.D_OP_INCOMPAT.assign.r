dscope: failed to compile script err.D_OP_INCOMPAT.assign.d: [D_OP_INCOMPAT] line 8: operands have incompatible types: "int" = "string"
    8 | 	x = "str";
      | 	^
exit: 1
