/*
 * args-> needs every probe of the clause to share the record's layout:
 * sys_enter and sched_process_exec do not.
 */

tracepoint:raw_syscalls:sys_enter,
tracepoint:sched:sched_process_exec
{
	trace(args->id);
}
