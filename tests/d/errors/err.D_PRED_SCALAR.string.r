dscope: failed to compile script err.D_PRED_SCALAR.string.d: [D_PRED_SCALAR] line 9: predicate result must be of scalar type
    9 | }
      | ^
exit: 1
