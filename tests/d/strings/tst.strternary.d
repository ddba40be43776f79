/*
 * Proves: the ternary operator selects between strings, including
 * nested ternaries and a string variable as one arm.
 *
 * @@args: -q
 */

BEGIN
{
	other = "other";
	i = 0;
}

tick-1ms
/i < 4/
{
	printf("%d %s\n", i, i == 0 ? "zero" : i == 1 ? "one" : i == 2 ? "two" : other);
	i++;
}

tick-1ms
/i == 4/
{
	exit(0);
}
