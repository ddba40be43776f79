/*
 * Proves: printf length modifiers %ld %lu %lld %llx with 64-bit values.
 *
 * @@args: -q
 */

BEGIN
{
	x = 0x123456789;
	printf("%ld %lu %lld %llx\n", x, x, -x, x);
	printf("%ld\n", (long)-1);
	printf("%lu\n", (unsigned long)-1);
	exit(0);
}
