/*
 * Proves: an lquantize() step larger than the range is D_LQUANT_STEPLARGE.
 */

BEGIN
{
	@a = lquantize(1, 0, 10, 20);
}
