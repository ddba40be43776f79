/*
 * Proves: quantize() with negative values.
 *
 * @@args: -q
 */

BEGIN
{
	@q = quantize(-1);
	@q = quantize(-4);
	@q = quantize(2);
	exit(0);
}
