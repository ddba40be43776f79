/*
 * Proves: printf arguments may be variables of different types.
 *
 * @@args: -q
 */

BEGIN
{
	i = -7;
	s = "str";
	c = (char)65;
	printf("%d %s %c\n", i, s, c);
	exit(0);
}
