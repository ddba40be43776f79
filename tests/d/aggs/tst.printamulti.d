/*
 * Proves: printa() with two aggregations joins them by key, prints 0
 * for a key missing from one of them, and orders rows by the first
 * aggregation's value.
 *
 * @@args: -q
 */

BEGIN
{
	@c["read"] = count();
	@c["read"] = count();
	@c["write"] = count();
	@s["read"] = sum(100);
	@s["open"] = sum(7);
	printa("%-6s %@3d %@5d\n", @c, @s);
	exit(0);
}
