/*
 * Proves: printa() with a format string prints keys and the value via
 * %@d, in value order.
 *
 * @@args: -q
 */

BEGIN
{
	@c["x"] = sum(3);
	@c["y"] = sum(1);
	@c["z"] = sum(2);
	printa("%s=%@d\n", @c);
	exit(0);
}
