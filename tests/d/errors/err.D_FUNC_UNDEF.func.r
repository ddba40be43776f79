dscope: failed to compile script err.D_FUNC_UNDEF.func.d: [D_FUNC_UNDEF] line 7: undefined function name: nosuchfunc
    7 | 	nosuchfunc(1);
      | 	^
exit: 1
