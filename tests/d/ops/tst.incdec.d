/*
 * Proves: prefix and postfix ++ and -- return the right value and
 * update the variable.
 *
 * @@args: -q
 */

BEGIN
{
	x = 5;
	printf("%d ", x++);
	printf("%d ", x);
	printf("%d ", ++x);
	printf("%d ", x--);
	printf("%d ", --x);
	printf("%d\n", x);
	exit(0);
}
