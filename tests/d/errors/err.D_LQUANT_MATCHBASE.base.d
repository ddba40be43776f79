/*
 * Proves: an lquantize() aggregation redefined with another base is D_LQUANT_MATCHBASE.
 */

BEGIN
{
	@a = lquantize(1, 0, 10, 1);
	@a = lquantize(1, 5, 10, 1);
}
