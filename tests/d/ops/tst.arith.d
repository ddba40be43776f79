/*
 * Proves: integer + - * / % and unary minus follow C semantics
 * (division and remainder truncate toward zero).
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d\n", 7 + 5, 7 - 12, 6 * -7);
	printf("%d %d %d %d\n", 7 / 2, -7 / 2, 7 / -2, -7 / -2);
	printf("%d %d %d %d\n", 7 % 3, -7 % 3, 7 % -3, -7 % -3);
	printf("%d %d\n", -(5), - -5);
	exit(0);
}
