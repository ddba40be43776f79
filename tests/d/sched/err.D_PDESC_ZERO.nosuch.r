dscope: failed to compile script err.D_PDESC_ZERO.nosuch.d: [D_PDESC_ZERO] line 5: probe description sched:::no-such-probe does not match any probes
    5 | sched:::no-such-probe
      | ^
exit: 1
