dscope: failed to compile script err.D_SYNTAX.nobody.d: [D_SYNTAX] line 6: expected predicate and/or actions following probe description
    6 | BEGIN END
      | ^
exit: 1
