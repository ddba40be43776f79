dscope: failed to compile script err.D_MEMBER_NAME.nofield.d: [D_MEMBER_NAME] line 7: nosuchfield is not a member of tracepoint sched:sched_process_exec
    7 | 	trace(args->nosuchfield);
      | 	      ^
exit: 1
