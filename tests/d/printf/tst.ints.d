/*
 * Proves: printf integer conversions %d %i %u %o %x %X and %%.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %i %u\n", 123, -45, 678);
	printf("%o %x %X\n", 8, 255, 255);
	printf("%x %X\n", 0xdeadbeef, 0xcafe);
	printf("100%%\n");
	exit(0);
}
