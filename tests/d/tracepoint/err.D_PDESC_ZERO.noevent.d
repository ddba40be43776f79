/*
 * No such tracepoint.
 */

tracepoint:sched:no_such_event
{
	exit(0);
}
