/*
 * Proves: several trace() calls in one clause go on one output line.
 */

BEGIN
{
	trace(1);
	trace(2);
	trace("x");
	exit(0);
}
