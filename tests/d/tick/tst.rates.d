/*
 * Proves: several tick clauses with different rates run side by side:
 * by the time tick-50ms fires, tick-1ms has fired more often.
 *
 * @@args: -q
 */

BEGIN
{
	fast = 0;
	slow = 0;
}

tick-1ms
{
	fast++;
}

tick-50ms
{
	slow++;
}

tick-50ms
/slow == 2/
{
	printf("fast > slow: %d\n", fast > slow);
	printf("slow: %d\n", slow);
	exit(0);
}
