/*
 * Proves: -x aggsortkey prints the entries of an aggregation in key
 * order rather than value order.
 *
 * @@args: -q -x aggsortkey
 */

BEGIN
{
	@a["delta"] = sum(1);
	@a["alpha"] = sum(4);
	@a["charlie"] = sum(2);
	@a["bravo"] = sum(3);
	exit(0);
}
