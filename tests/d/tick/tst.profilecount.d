/*
 * Proves: profile-1000 fires repeatedly: at least 10 firings are counted
 * before the clause that sees them exits.
 *
 * @@args: -q
 */

BEGIN
{
	n = 0;
}

profile-1000
{
	n++;
}

profile-1000
/n >= 10/
{
	exit(0);
}

END
{
	printf("at least 10: %d\n", n >= 10);
}
