/*
 * Proves: tick-1ms fires repeatedly; counting its firings to 25 and then
 * exiting gives exactly 25 in END.
 *
 * @@args: -q
 */

BEGIN
{
	n = 0;
}

tick-1ms
/n < 25/
{
	n++;
}

tick-1ms
/n == 25/
{
	exit(0);
}

END
{
	printf("n = %d\n", n);
}
