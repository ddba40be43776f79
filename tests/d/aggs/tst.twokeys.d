/*
 * Proves: one tick clause may add two new keys to the same aggregation
 * in one firing; no update is dropped.
 *
 * @@args: -q
 */

BEGIN
{
	i = 0;
}

tick-1ms
/i < 4/
{
	@c[i] = count();
	@c[99] = count();
	i++;
}

tick-1ms
/i == 4/
{
	exit(0);
}
