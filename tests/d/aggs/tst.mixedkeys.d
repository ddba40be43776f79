/*
 * Proves: an aggregation keyed by (string, int) prints both keys with
 * the default layout; equal values are ordered by key.
 *
 * @@args: -q
 */

BEGIN
{
	@a["open", 3] = count();
	@a["close", 3] = count();
	@a["close", 1] = count();
	@a["open", 3] = count();
	exit(0);
}
