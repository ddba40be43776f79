dscope: failed to compile script err.D_PROC_ALIGN.offset.d: [D_PROC_ALIGN] line 8: offset 0x1 is not aligned on an instruction
    8 | pid$target:a.out:sign:1
      | ^
exit: 1
