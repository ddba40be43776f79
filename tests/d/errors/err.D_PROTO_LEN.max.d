/*
 * Proves: max() with no argument is D_PROTO_LEN.
 */

BEGIN
{
	@m = max();
}
