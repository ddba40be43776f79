/*
 * Proves: sum() of positive and negative values.
 *
 * @@args: -q
 */

BEGIN
{
	@s = sum(10);
	@s = sum(-3);
	@s = sum(100);
	exit(0);
}
