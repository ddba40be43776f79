/*
 * Proves: %u formats an int argument at its own size, so -1 prints as
 * 4294967295, while a 64-bit -1 prints as 18446744073709551615.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%u %u\n", -1, (int64_t)-1);
	exit(0);
}
