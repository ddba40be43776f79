dscope: failed to compile script err.D_PDESC_ZERO.noprobe.d: [D_PDESC_ZERO] line 5: probe description proc:::fork does not match any probes
    5 | proc:::fork
      | ^
exit: 1
