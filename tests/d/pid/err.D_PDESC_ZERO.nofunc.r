dscope: failed to compile script err.D_PDESC_ZERO.nofunc.d: [D_PDESC_ZERO] line 7: probe description pid$target:a.out:no_such_function:entry does not match any probes
    7 | pid$target:a.out:no_such_function:entry
      | ^
exit: 1
