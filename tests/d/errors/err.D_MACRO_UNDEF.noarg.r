dscope: failed to compile script err.D_MACRO_UNDEF.noarg.d: [D_MACRO_UNDEF] line 7: macro argument $1 is not defined
    7 | 	trace($1);
      | 	      ^
exit: 1
