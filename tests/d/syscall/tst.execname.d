/*
 * Proves: execname and probefunc in a syscall probe of the -c target.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

syscall::getppid:entry
/pid == $target/
{
	@[execname, probefunc] = count();
}
