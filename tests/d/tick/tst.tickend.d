/*
 * Proves: an aggregation filled by tick firings is printed at exit, after
 * END's own output.
 *
 * @@args: -q
 */

BEGIN
{
	i = 0;
}

tick-1ms
/i < 5/
{
	@c[i % 2 ? "odd" : "even"] = count();
	i++;
}

tick-1ms
/i == 5/
{
	exit(0);
}

END
{
	printf("end, i = %d\n", i);
}
