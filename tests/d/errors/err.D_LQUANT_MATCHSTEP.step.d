/*
 * Proves: an lquantize() aggregation redefined with another step is D_LQUANT_MATCHSTEP.
 */

BEGIN
{
	@a = lquantize(1, 0, 10, 1);
	@a = lquantize(1, 0, 10, 2);
}
