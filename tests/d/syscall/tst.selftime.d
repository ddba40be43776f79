/*
 * Proves: a self-> timestamp taken on entry gives a non-negative elapsed
 * time of at least the 1ms slept at return, and reads 0 once cleared.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::nanosleep:entry
/pid == $target/
{
	self->ts = timestamp;
}

syscall::nanosleep:return
/self->ts/
{
	printf("slept >= 1ms: %d\n", timestamp - self->ts >= 1000000);
	self->ts = 0;
}

syscall::nanosleep:return
/pid == $target/
{
	printf("cleared: %d\n", self->ts);
}
