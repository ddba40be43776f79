/*
 * Proves: a global variable read in program text before any assignment
 * to it is an undefined identifier (D_IDENT_UNDEF), with its line.
 *
 * @@args: -q
 */

BEGIN
{
	x = 10;
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
