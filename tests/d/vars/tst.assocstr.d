/*
 * Proves: associative arrays can hold string values.
 *
 * @@args: -q
 */

BEGIN
{
	name[1] = "one";
	name[2] = "two";
	printf("%s %s\n", name[1], name[2]);
	exit(0);
}
