dscope: failed to compile script err.D_MACRO_UNDEF.second.d: [D_MACRO_UNDEF] line 9: macro argument $2 is not defined
    9 | 	trace($1 + $2);
      | 	           ^
exit: 1
