/*
 * Proves: normalize() without its factor is D_PROTO_LEN.
 */

BEGIN
{
	@a = count();
	normalize(@a);
}
