/*
 * Proves: with -x strsize=8, string keys that differ only after the 7th
 * character collapse into one aggregation entry.
 *
 * @@args: -q -x strsize=8
 */

BEGIN
{
	@["abcdefgX"] = count();
	@["abcdefgY"] = count();
	@["xyz"] = count();
	exit(0);
}
