/*
 * Proves: avg() of a string is D_AGG_SCALAR, also after a valid avg().
 */

BEGIN
{
	@a = avg(1);
	@a = avg("x");
}
