/*
 * An array field is reached element by element.
 */

tracepoint:raw_syscalls:sys_enter
{
	trace(args->args);
}
