dscope: failed to compile script err.D_DIF_OVERFLOW.walk.d: [D_DIF_OVERFLOW] line 11: the clause at line 11:1 makes the BPF verifier walk at least 1,003,279 instructions (limit 1,000,000): lower -x strsize (now 3350)
   11 | BEGIN
      | ^
exit: 1
