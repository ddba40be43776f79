dscope: failed to compile script err.D_PROC_OFF.offset.d: [D_PROC_OFF] line 8: offset 0x17 outside of function 'sign'
    8 | pid$target:a.out:sign:17
      | ^
exit: 1
