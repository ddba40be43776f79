/*
 * Proves: clear() zeroes the values but keeps the keys.
 *
 * @@args: -q
 */

BEGIN
{
	@c["a"] = count();
	@c["b"] = count();
	clear(@c);
	exit(0);
}
