/*
 * Proves: avg() prints the integer mean truncated toward zero, also for
 * a negative mean (-3/2 prints -1), in the end-of-run print.
 *
 * @@args: -q
 */

BEGIN
{
	@a["pos"] = avg(1); @a["pos"] = avg(2);
	@a["neg"] = avg(-1); @a["neg"] = avg(-2);
	@a["seven"] = avg(3); @a["seven"] = avg(4); @a["seven"] = avg(4);
	exit(0);
}
