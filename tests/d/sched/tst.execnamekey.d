/*
 * Proves: an execname key is the same key whichever thread it is read
 * from: the current thread's name (a syscall probe, written straight into
 * the key) and the incoming thread's (sched:::on-cpu, read from its task)
 * land on one row, 10 getppid calls and the first switch-in.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

syscall::getppid:entry
/pid == $target/
{
	@[execname] = count();
}

sched:::on-cpu
/pid == $target && !seen/
{
	seen = 1;
	@[execname] = count();
}
