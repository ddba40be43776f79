/*
 * Proves: raise() of a signal number out of range is an illegal-operation
 * fault, as in dtrace.
 *
 * @@args: -w
 */
#pragma D option quiet

BEGIN
{
	raise(1000);
}

ERROR
{
	exit(0);
}
