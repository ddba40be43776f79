dscope: failed to compile script err.D_PDESC_ZERO.profilen.d: [D_PDESC_ZERO] line 5: probe description :::profile-n does not match any probes
    5 | profile-n
      | ^
exit: 1
