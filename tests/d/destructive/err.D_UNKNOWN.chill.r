dscope: failed to compile script err.D_UNKNOWN.chill.d: [D_UNKNOWN] line 7: chill( ) is not supported: a BPF program cannot spin for a given time
    7 | 	chill(1000);
      | 	^
exit: 1
