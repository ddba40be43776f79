/*
 * Proves: -x zdefs behaves like -Z.
 *
 * @@args: -q -x zdefs
 */

nosuchprovider:::nosuchprobe
{
	printf("never\n");
}

BEGIN
{
	printf("zdefs ok\n");
	exit(0);
}
