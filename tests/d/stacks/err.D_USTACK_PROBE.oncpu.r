dscope: failed to compile script err.D_USTACK_PROBE.oncpu.d: [D_USTACK_PROBE] line 8: ustack( ) is not available at sched:::on-cpu, proc:::start, proc:::lwp-start or io:::wait-done: they fire before the thread runs; take it at sched:::off-cpu or a later probe
    8 | 	@[ustack()] = count();
      | 	  ^
exit: 1
