/*
 * Proves: with several aggregations in one printa(), -x aggsortpos=1
 * orders the rows by the second aggregation's values.
 *
 * @@args: -q -x aggsortpos=1
 */

BEGIN
{
	@a["x"] = sum(1); @b["x"] = sum(30);
	@a["y"] = sum(2); @b["y"] = sum(10);
	@a["z"] = sum(3); @b["z"] = sum(20);
	printa("%s %@d %@d\n", @a, @b);
	exit(0);
}
