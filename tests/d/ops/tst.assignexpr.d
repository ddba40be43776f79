/*
 * Proves: assignment is an expression with the assigned value and
 * chains right to left.
 *
 * @@args: -q
 */

BEGIN
{
	a = b = c = 7;
	printf("%d %d %d\n", a, b, c);
	printf("%d\n", (a = 3) + 1);
	printf("%d\n", a);
	exit(0);
}
