/*
 * Proves: syscall entry probes fire once per call for the -c target: the
 * getppid10 program calls getppid(2) exactly 10 times.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

syscall::getppid:entry
/pid == $target/
{
	@ = count();
}
