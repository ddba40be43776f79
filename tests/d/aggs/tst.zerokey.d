/*
 * Proves: an entry keyed by a probe-description string (probename,
 * probefunc) whose value is 0 is still printed.
 *
 * @@args: -q
 */

BEGIN
{
	@z[probename] = sum(0);
	exit(0);
}
