/*
 * Proves: ?: selects the right operand, nests right-associatively and
 * works with string operands.
 *
 * @@args: -q
 */

BEGIN
{
	x = 5;
	printf("%d %d\n", x > 3 ? 10 : 20, x < 3 ? 10 : 20);
	printf("%d\n", x == 1 ? 1 : x == 5 ? 5 : 9);
	printf("%s\n", x ? "yes" : "no");
	printf("%s\n", x - 5 ? "yes" : "no");
	exit(0);
}
