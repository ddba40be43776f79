/*
 * Proves: quantize() of a string is D_AGG_SCALAR.
 */

BEGIN
{
	@q = quantize("x");
}
