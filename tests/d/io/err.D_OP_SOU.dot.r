dscope: failed to compile script err.D_OP_SOU.dot.d: [D_OP_SOU] line 7: operator . cannot be applied to type "devinfo_t *"; must be applied to a struct or union
    7 | 	trace(args[1].dev_name);
      | 	      ^
exit: 1
