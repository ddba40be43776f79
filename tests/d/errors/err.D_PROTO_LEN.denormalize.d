/*
 * Proves: denormalize() with no argument is D_PROTO_LEN.
 */

BEGIN
{
	@a = count();
	denormalize();
}
