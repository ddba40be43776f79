/*
 * Proves: one clause may list several probe descriptions.
 *
 * @@args: -q
 */

BEGIN,
END
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
