/*
 * Proves: clear() with no argument is D_PROTO_LEN.
 */

BEGIN
{
	@a = count();
	clear();
}
