/*
 * Proves: non-quiet output format: a CPU/ID/FUNCTION:NAME header and
 * one line per firing with traced integers.
 */

BEGIN
{
	trace(42);
	exit(0);
}
