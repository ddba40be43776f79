dscope: failed to compile script err.D_MACRO_UNDEF.pred.d: [D_MACRO_UNDEF] line 6: macro argument $3 is not defined
    6 | /$3 == 1/
      |  ^
exit: 1
