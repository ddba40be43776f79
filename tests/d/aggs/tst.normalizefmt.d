/*
 * Proves: a normalized aggregation is printed divided by the factor by
 * printa() with a format, entries ordered by their raw values.
 *
 * @@args: -q
 */

BEGIN
{
	@t["a"] = sum(2000);
	@t["b"] = sum(500);
	normalize(@t, 1000);
	printa("%s=%@d\n", @t);
	exit(0);
}
