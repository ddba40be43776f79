/*
 * Proves: uid and gid of the target (run as root) are 0, and execname is
 * the program's name.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::dup:entry
/pid == $target/
{
	printf("%s uid=%d gid=%d\n", execname, uid, gid);
}
