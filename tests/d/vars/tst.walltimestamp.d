/*
 * Proves: walltimestamp is nanoseconds since the epoch (after September
 * 2020) and timestamp never goes backwards between two probe firings.
 *
 * @@args: -q
 */

BEGIN
{
	printf("wall: %d\n", walltimestamp > 1600000000000000000);
	t1 = timestamp;
}

tick-1ms
{
	printf("mono: %d\n", timestamp >= t1);
	printf("positive: %d\n", timestamp > 0);
	exit(0);
}
