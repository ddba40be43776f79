dscope: failed to compile script err.D_VAR_UNDEF.assoc.d: [D_VAR_UNDEF] line 7: a has not yet been declared or assigned
    7 | 	trace(a["k"]);
      | 	      ^
exit: 1
