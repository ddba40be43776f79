/*
 * Proves: printf with no conversions prints its format, and several
 * printfs in a clause concatenate.
 *
 * @@args: -q
 */

BEGIN
{
	printf("one ");
	printf("two ");
	printf("three\n");
	exit(0);
}
