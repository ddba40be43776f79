/*
 * Proves: associative arrays keyed by tuples of mixed types.
 *
 * @@args: -q
 */

BEGIN
{
	t[1, "a"] = 11;
	t[1, "b"] = 12;
	t[2, "a"] = 21;
	printf("%d %d %d %d\n", t[1, "a"], t[1, "b"], t[2, "a"], t[2, "b"]);
	k = 2;
	printf("%d\n", t[k, "a"]);
	exit(0);
}
