/*
 * Proves: using one aggregation with two different functions is D_AGG_REDEF.
 */

BEGIN
{
	@a = count();
	@a = sum(1);
}
