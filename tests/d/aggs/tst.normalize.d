/*
 * Proves: normalize() divides printed values by the factor and
 * denormalize() restores them.
 *
 * @@args: -q
 */

BEGIN
{
	@a["x"] = sum(1000);
	@a["y"] = sum(3500);
	normalize(@a, 100);
	printa(@a);
	denormalize(@a);
	printa(@a);
	exit(0);
}
