/*
 * Proves: tick-1s and tick-1sec both fire (once a second each).
 *
 * @@args: -q
 * @@timeout: 10
 */

BEGIN
{
	a = 0;
	b = 0;
}

tick-1s
{
	a = 1;
}

tick-1sec
{
	b = 1;
}

tick-100ms
/a && b/
{
	printf("both fired\n");
	exit(0);
}
