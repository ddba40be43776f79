/*
 * Proves: lquantize() step is optional and defaults to 1.
 *
 * @@args: -q
 */

BEGIN
{
	@l = lquantize(2, 0, 4);
	@l = lquantize(2, 0, 4);
	@l = lquantize(3, 0, 4);
	exit(0);
}
