/*
 * Proves: a ?: with a constant condition is folded when parsed, so its
 * unused arm may have a different type.
 *
 * @@args: -q
 */

BEGIN
{
	x = 1 ? "a" : 2;
	printf("%s\n", x);
	exit(0);
}
