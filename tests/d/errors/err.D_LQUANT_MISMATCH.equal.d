/*
 * Proves: an lquantize() limit equal to the base is D_LQUANT_MISMATCH.
 */

BEGIN
{
	@a = lquantize(1, 10, 10, 1);
}
