/*
 * Proves: avg() with two arguments is D_PROTO_LEN.
 */

BEGIN
{
	@a = avg(1, 2);
}
