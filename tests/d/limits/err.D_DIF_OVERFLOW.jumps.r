dscope: failed to compile script err.D_DIF_OVERFLOW.jumps.d: [D_DIF_OVERFLOW] line 42: the clause at line 42:1 makes the BPF program for its probes (ds_begin, 2 clauses) 33,255 instructions long, more than a jump can cross (32,767): do less in the clauses of these probes
   42 | BEGIN
      | ^
exit: 1
