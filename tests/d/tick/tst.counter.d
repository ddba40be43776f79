/*
 * Proves: a tick-N probe fires repeatedly; a counter stops it after 5
 * firings and END sees the final count.
 *
 * @@args: -q
 */

BEGIN
{
	i = 0;
}

tick-10ms
{
	i++;
}

tick-10ms
/i == 5/
{
	exit(0);
}

END
{
	printf("%d\n", i);
}
