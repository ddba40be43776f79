/*
 * Proves: raise() sends the signal to the process that fired the probe:
 * the target handles one SIGUSR1 (10) during its getppid(2) call.
 *
 * @@args: -w -c $DSCOPE_TEST_PROGS/raisee
 */
#pragma D option quiet

syscall::getppid:entry
/pid == $target/
{
	raise(10);
}
