/*
 * Proves: timestamp is read once per probe firing: two reads in one
 * clause are equal.
 *
 * @@args: -q
 */

BEGIN
{
	a = timestamp;
	b = timestamp;
	printf("%d\n", a == b);
	exit(0);
}
