dscope: failed to compile script err.D_PDESC_ZERO.noevent.d: [D_PDESC_ZERO] line 5: probe description :tracepoint:sched:no_such_event does not match any probes
    5 | tracepoint:sched:no_such_event
      | ^
exit: 1
