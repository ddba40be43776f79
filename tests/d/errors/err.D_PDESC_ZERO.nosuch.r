dscope: failed to compile script err.D_PDESC_ZERO.nosuch.d: [D_PDESC_ZERO] line 5: probe description nosuchprovider:::entry does not match any probes
    5 | nosuchprovider:::entry
      | ^
exit: 1
