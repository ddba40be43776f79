dscope: failed to compile script err.D_NOREG.nesting.d: [D_NOREG] line 8: insufficient registers to generate code: the clause at line 8:1 holds too many values at once in the expression at line 11, which need 560 bytes of BPF stack (limit 512): split the expression with this-> variables
    8 | BEGIN
      | ^
exit: 1
