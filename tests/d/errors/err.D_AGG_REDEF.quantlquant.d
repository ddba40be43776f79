/*
 * Proves: an aggregation used with quantize() then lquantize() is D_AGG_REDEF.
 */

BEGIN
{
	@a = quantize(1);
	@a = lquantize(1, 0, 10, 1);
}
