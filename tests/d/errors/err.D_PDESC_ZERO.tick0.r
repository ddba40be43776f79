dscope: failed to compile script err.D_PDESC_ZERO.tick0.d: [D_PDESC_ZERO] line 5: probe description profile:::tick-0 does not match any probes
    5 | profile:::tick-0
      | ^
exit: 1
