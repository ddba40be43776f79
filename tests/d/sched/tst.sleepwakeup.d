/*
 * sched:::sleep fires as the target goes off CPU to sleep, sched:::wakeup
 * as something wakes it (arg0 its tid, arg1 its pid), at least once per
 * nanosleep of the program.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/sleeper 5"
 */

BEGIN
{
	sleeps = 0;
	wakeups = 0;
	tids = 0;
}

sched:::sleep
/pid == $target/
{
	sleeps++;
}

sched:::wakeup
/arg1 == $target/
{
	wakeups++;
	tids += arg0 == $target;
}

END
{
	printf("sleeps >= 5: %d, wakeups >= 5: %d, main thread: %d\n", sleeps >= 5, wakeups >= 5,
	    tids == wakeups);
}
