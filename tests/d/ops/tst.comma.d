/*
 * Proves: the comma operator evaluates left to right and yields its
 * right operand.
 *
 * @@args: -q
 */

BEGIN
{
	x = (y = 2, y + 40);
	printf("%d %d\n", x, y);
	exit(0);
}
