/*
 * Proves: trace() in quiet mode prints values without the probe
 * columns and without separators.
 *
 * @@args: -q
 */

BEGIN
{
	trace(1);
	trace("two");
	trace(3);
	printf("\n");
	exit(0);
}
