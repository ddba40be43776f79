/*
 * Proves: $target is nonzero with -c and matches pid in the target's
 * probes.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

syscall::getppid:entry
/pid == $target/
{
	@[$target == pid] = count();
}
