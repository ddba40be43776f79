/*
 * Proves: clear() zeroes the values but keeps the keys, and data added
 * later (a few seconds on, well after the consumer has acted on the
 * clear) counts from zero.
 *
 * @@args: -q
 * @@timeout: 15
 */

BEGIN
{
	@c["a"] = count();
	@c["b"] = count();
	@c["b"] = count();
	clear(@c);
	n = 0;
}

tick-1s
{
	n++;
}

tick-1s
/n == 2/
{
	@c["b"] = count();
}

tick-1s
/n == 3/
{
	printa("%s %@d\n", @c);
	exit(0);
}
