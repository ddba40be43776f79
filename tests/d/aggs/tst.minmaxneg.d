/*
 * Proves: min() and max() over only negative values keep the right
 * extreme, per key.
 *
 * @@args: -q
 */

BEGIN
{
	@mn["a"] = min(-3); @mn["a"] = min(-10); @mn["a"] = min(-4);
	@mx["a"] = max(-3); @mx["a"] = max(-10); @mx["a"] = max(-4);
	@mn["b"] = min(-1);
	@mx["b"] = max(-1);
	printa("min %s %@d\n", @mn);
	printa("max %s %@d\n", @mx);
	exit(0);
}
