dscope: failed to compile script err.D_OP_WRITE.assignbuiltin.d: [D_OP_WRITE] line 7: operator = can only be applied to a writable variable
    7 | 	timestamp = 1;
      | 	^
exit: 1
