/*
 * Proves: quantize() buckets by powers of two and prints the ASCII
 * distribution with zero rows around the data.
 *
 * @@args: -q
 */

BEGIN
{
	@q = quantize(0);
	@q = quantize(1);
	@q = quantize(2);
	@q = quantize(3);
	@q = quantize(5);
	@q = quantize(100);
	exit(0);
}
