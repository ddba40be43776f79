/*
 * Proves: operator precedence and associativity match C.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d\n", 1 + 2 * 3, (1 + 2) * 3);
	printf("%d %d\n", 10 - 4 - 3, 100 / 10 / 5);
	printf("%d\n", 1 << 2 + 1);
	printf("%d\n", 1 | 2 ^ 3 & 4);
	printf("%d\n", 1 + 2 == 3);
	printf("%d\n", 2 == 2 == 1);
	printf("%d\n", 0 || 1 && 0);
	printf("%d\n", 1 ^^ 1 || 1);
	printf("%d\n", -2 * -3 + ~1);
	printf("%d\n", 3 > 2 > 1);
	exit(0);
}
