dscope: failed to compile script err.D_TYPE_ARR.noindex.d: [D_TYPE_ARR] line 7: member args is an array and needs an index
    7 | 	trace(args->args);
      | 	      ^
exit: 1
