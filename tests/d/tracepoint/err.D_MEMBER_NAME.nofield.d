/*
 * A field the tracepoint's record does not have.
 */

tracepoint:sched:sched_process_exec
{
	trace(args->nosuchfield);
}
