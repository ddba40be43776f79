/*
 * Proves: bitwise & | ^ ~ and shifts << >> on integers.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%x %x %x\n", 0xf0 & 0x3c, 0xf0 | 0x0f, 0xff ^ 0x0f);
	printf("%d %x\n", ~0, ~0xffUL & 0xfff);
	printf("%d %d %d\n", 1 << 10, 1024 >> 3, 0x80 >> 7);
	printf("%d\n", -16 >> 2);
	printf("%u\n", 0xffffffff >> 4);
	exit(0);
}
