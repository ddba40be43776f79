/*
 * Proves: printf field width, left adjustment, zero padding and the
 * + and space flags.
 *
 * @@args: -q
 */

BEGIN
{
	printf("[%5d]\n", 42);
	printf("[%-5d]\n", 42);
	printf("[%05d]\n", 42);
	printf("[%+d] [%+d]\n", 42, -42);
	printf("[% d]\n", 42);
	printf("[%-8s] [%8s]\n", "ab", "cd");
	printf("[%#x] [%#o]\n", 255, 8);
	printf("[%08x]\n", 0xbeef);
	exit(0);
}
