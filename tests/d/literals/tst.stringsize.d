/*
 * Proves: sizeof (string) is the strsize option, default 256.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d\n", sizeof (string));
	exit(0);
}
