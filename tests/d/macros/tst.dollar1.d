/*
 * Proves: $1 expands to an integer macro argument and $2 to another.
 *
 * @@args: -q 42 7
 */

BEGIN
{
	printf("%d %d %d\n", $1, $2, $1 + $2);
	exit(0);
}
