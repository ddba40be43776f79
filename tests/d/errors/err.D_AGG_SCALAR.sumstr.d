/*
 * Proves: sum() of a string is D_AGG_SCALAR.
 */

BEGIN
{
	@a = sum("x");
}
