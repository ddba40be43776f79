/*
 * Proves: decimal, octal and hexadecimal integer literals, with and
 * without u/l/ul/ll suffixes, in upper and lower case.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d %d %d\n", 42, 052, 0x2a, 0X2A, 0x2A);
	printf("%d %d %d %d\n", 42u, 42l, 42ul, 42LL);
	printf("%d %d\n", 0, 00);
	printf("%u\n", 4294967295u);
	printf("%lld\n", 9223372036854775807);
	printf("%llu\n", 0xffffffffffffffffULL);
	exit(0);
}
