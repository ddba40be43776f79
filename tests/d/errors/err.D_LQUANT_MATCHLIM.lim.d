/*
 * Proves: an lquantize() aggregation redefined with another limit is D_LQUANT_MATCHLIM.
 */

BEGIN
{
	@a = lquantize(1, 0, 10, 1);
	@a = lquantize(1, 0, 20, 1);
}
