/*
 * Proves: $0 is the script name.
 *
 * @@args: -q a b c
 */

BEGIN
{
	printf("%s\n", $0);
	exit(0);
}
