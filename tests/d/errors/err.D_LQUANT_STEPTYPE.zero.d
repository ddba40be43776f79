/*
 * Proves: an lquantize() step of 0 is D_LQUANT_STEPTYPE.
 */

BEGIN
{
	@a = lquantize(1, 0, 10, 0);
}
