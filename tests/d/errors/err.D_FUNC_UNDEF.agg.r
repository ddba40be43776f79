dscope: failed to compile script err.D_FUNC_UNDEF.agg.d: [D_FUNC_UNDEF] line 7: undefined function name: median
    7 | 	@a = median(1);
      | 	     ^
exit: 1
