dscope: failed to compile script err.D_REGS_IDX.negative.d: [D_REGS_IDX] line 7: index -1 is out of range for array uregs
    7 | 	trace(uregs[-1]);
      | 	            ^
exit: 1
