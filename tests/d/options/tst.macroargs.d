/*
 * Proves: macro arguments: $1 used as a number (17 * 2) and $$2 as a
 * string, also passed to strlen().
 *
 * @@args: -q 17 hello
 */

BEGIN
{
	printf("%d %s %d\n", $1 * 2, $$2, strlen($$2));
	exit(0);
}
