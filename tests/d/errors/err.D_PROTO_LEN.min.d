/*
 * Proves: min() with two arguments is D_PROTO_LEN.
 */

BEGIN
{
	@m = min(1, 2);
}
