/*
 * Proves: aggregations filled by tick probes can be printed from END
 * with printa(), and are then not printed again at exit.
 *
 * @@args: -q
 */

BEGIN
{
	i = 0;
}

tick-1ms
/i < 6/
{
	@s[i % 2 ? "odd" : "even"] = sum(i);
	i++;
}

tick-1ms
/i == 6/
{
	exit(0);
}

END
{
	printa("%s %@d\n", @s);
}
