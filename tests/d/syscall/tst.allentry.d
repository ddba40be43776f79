/*
 * Proves: syscall:::entry (every system call) with pid == $target sees
 * exactly the 2 umask() calls the target makes.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

BEGIN
{
	n = 0;
}

syscall:::entry
/pid == $target && probefunc == "umask"/
{
	n++;
}

END
{
	printf("umask calls: %d\n", n);
}
