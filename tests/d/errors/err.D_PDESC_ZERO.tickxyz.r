dscope: failed to compile script err.D_PDESC_ZERO.tickxyz.d: [D_PDESC_ZERO] line 5: probe description :::tick-xyz does not match any probes
    5 | tick-xyz
      | ^
exit: 1
