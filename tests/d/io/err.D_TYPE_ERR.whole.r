dscope: failed to compile script err.D_TYPE_ERR.whole.d: [D_TYPE_ERR] line 7: args[0] is a pointer to a translated type: use its members
    7 | 	trace(args[0]);
      | 	      ^
exit: 1
