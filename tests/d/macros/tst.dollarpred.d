/*
 * Proves: macro arguments can be used in predicates.
 *
 * @@args: -q 3
 */

BEGIN
/$1 == 3/
{
	printf("three\n");
}

BEGIN
/$1 != 3/
{
	printf("not three\n");
}

BEGIN
{
	exit(0);
}
