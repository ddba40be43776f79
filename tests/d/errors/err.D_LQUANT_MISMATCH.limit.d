/*
 * Proves: an lquantize() limit below the base is D_LQUANT_MISMATCH.
 */

BEGIN
{
	@a = lquantize(1, 10, 5, 1);
}
