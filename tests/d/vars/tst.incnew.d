/*
 * Proves: ++ applied to a never-assigned identifier creates it as a
 * 64-bit integer starting from 0.
 *
 * @@args: -q
 */

BEGIN
{
	n++;
	n++;
	printf("%d %d\n", n, sizeof (n));
	exit(0);
}
