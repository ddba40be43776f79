/*
 * Proves: normalize() with a string factor is D_PROTO_ARG.
 */

BEGIN
{
	@a = count();
	normalize(@a, "x");
}
