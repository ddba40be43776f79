/*
 * Proves: an arithmetic expression on two int operands has type int,
 * so its sizeof is 4 (usual arithmetic conversions, as in C), and
 * that the L and LL suffixes make a constant 8 bytes wide.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d\n", sizeof (1 + 1), sizeof (2 * 3), sizeof (1L + 1));
	printf("%d %d %d %d\n", sizeof (1L), sizeof (1LL), sizeof (1UL),
	    sizeof (0x100000000));
	exit(0);
}
