/*
 * Proves: stddev() with no argument is D_PROTO_LEN.
 */

BEGIN
{
	@s = stddev();
}
