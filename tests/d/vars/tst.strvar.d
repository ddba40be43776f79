/*
 * Proves: string variables can be assigned, reassigned and compared.
 *
 * @@args: -q
 */

BEGIN
{
	s = "first";
	t = s;
	s = "second";
	printf("%s %s %d %d\n", s, t, s == t, t == "first");
	exit(0);
}
