/*
 * Proves: with -Z a description that matches no probe is accepted and
 * the clauses that do match still run.
 *
 * @@args: -q -Z
 */

nosuchprovider:::nosuchprobe
{
	printf("never\n");
}

BEGIN
{
	printf("begin ran\n");
	exit(0);
}
