/*
 * Proves: && || ! and the D-only logical exclusive-or ^^ yield 0 or 1.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d %d\n", 3 && 4, 3 && 0, 0 || 0, 0 || 7);
	printf("%d %d %d\n", !0, !5, !!9);
	printf("%d %d %d %d\n", 1 ^^ 0, 0 ^^ 1, 1 ^^ 1, 0 ^^ 0);
	printf("%d %d\n", 5 ^^ 9, 5 ^^ 0);
	exit(0);
}
