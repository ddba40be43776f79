/*
 * Proves: count() keyed by strings, auto-printed sorted by value.
 *
 * @@args: -q
 */

BEGIN
{
	@c["b"] = count();
	@c["a"] = count();
	@c["a"] = count();
	@c["c"] = count();
	@c["c"] = count();
	@c["c"] = count();
	exit(0);
}
