/*
 * Proves: every compound assignment operator on a global variable.
 *
 * @@args: -q
 */

BEGIN
{
	x = 100;
	x += 5;  printf("%d\n", x);
	x -= 10; printf("%d\n", x);
	x *= 2;  printf("%d\n", x);
	x /= 3;  printf("%d\n", x);
	x %= 50; printf("%d\n", x);
	x <<= 4; printf("%d\n", x);
	x >>= 2; printf("%d\n", x);
	x &= 0x1c; printf("%d\n", x);
	x |= 0x101; printf("%d\n", x);
	x ^= 0xff; printf("%d\n", x);
	exit(0);
}
