dscope: failed to compile script err.D_DIF_OVERFLOW.scratch.d: [D_DIF_OVERFLOW] line 10: the clause at line 10:1 needs 32,800 bytes of scratch space for the strings and keys of the statement at line 13 (limit 30,000): lower -x strsize (now 4096)
   10 | BEGIN
      | ^
exit: 1
