/*
 * Proves: aggregations accumulate over several tick firings.
 *
 * @@args: -q
 */

BEGIN
{
	n = 0;
}

tick-1ms
/n < 4/
{
	@s = sum(10);
	n++;
}

tick-1ms
/n == 4/
{
	exit(0);
}
