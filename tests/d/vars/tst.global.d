/*
 * Proves: global scalar variables keep their value across clauses and
 * probes, and a declared but not yet assigned global reads as 0.
 *
 * @@args: -q
 */

BEGIN
{
	x = 10;
	y = 0;
	s = "global";
}

BEGIN
{
	x = x * 2;
	printf("%d %s %d\n", x, s, y);
}

BEGIN
{
	y = 5;
	exit(0);
}

END
{
	printf("%d %d\n", x, y);
}
