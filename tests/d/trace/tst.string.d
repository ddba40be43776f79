/*
 * Proves: trace() of a string in non-quiet mode.
 */

BEGIN
{
	trace("hello");
	exit(0);
}
