/*
 * Proves: the cpu builtin is a small non-negative CPU number.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d\n", cpu >= 0, cpu < 1024);
	exit(0);
}
