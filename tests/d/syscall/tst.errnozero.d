/*
 * Proves: errno is 0 on the return of a successful system call (write of
 * 7 bytes, nanosleep).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::write:return,
syscall::nanosleep:return
/pid == $target/
{
	printf("%s returned %d errno %d\n", probefunc, (int)arg1, errno);
}
