/*
 * Proves: the relational and equality operators yield 0 or 1, for
 * signed and unsigned operands.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d %d %d %d\n", 1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 > 4, 4 == 4);
	printf("%d %d\n", 4 != 4, 4 != 5);
	printf("%d %d\n", -1 < 0, (unsigned int)-1 < 0);
	printf("%d\n", (uint64_t)-1 > 1);
	exit(0);
}
