/*
 * Proves: stddev() prints the integer (truncated) population standard
 * deviation; a single value has deviation 0.
 *
 * @@args: -q
 */

BEGIN
{
	@s["one"] = stddev(5);
	@s["two"] = stddev(1); @s["two"] = stddev(2);
	@s["wide"] = stddev(0); @s["wide"] = stddev(10);
	printa("%s %@d\n", @s);
	exit(0);
}
