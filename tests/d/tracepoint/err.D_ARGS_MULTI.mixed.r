dscope: failed to compile script err.D_ARGS_MULTI.mixed.d: [D_ARGS_MULTI] line 9: args may not be referenced because the clause's probes do not share its type
    9 | 	trace(args->id);
      | 	      ^
exit: 1
