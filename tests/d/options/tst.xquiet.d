/*
 * Proves: -x quiet is the same as -q.
 *
 * @@args: -x quiet
 */

BEGIN
{
	printf("quiet\n");
	exit(0);
}
