/*
 * Proves: uid and gid are 0 when run as root, and pid/tid are positive.
 *
 * @@args: -q
 */

BEGIN
{
	printf("uid %d gid %d\n", uid, gid);
	printf("pid>0 %d tid>0 %d\n", pid > 0, tid > 0);
	exit(0);
}
