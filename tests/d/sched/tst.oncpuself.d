/*
 * self-> in sched:::on-cpu is the incoming thread's: a time stored there is
 * found again by the same thread's off-cpu, and the on-CPU intervals add up
 * to less than the run's wall time (the walkthrough's "- total -" row).
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/sleeper 5"
 */

BEGIN
{
	start = timestamp;
	n = 0;
	total = 0;
}

sched:::on-cpu
/pid == $target/
{
	self->on = timestamp;
}

sched:::off-cpu
/self->on/
{
	total += timestamp - self->on;
	n++;
	self->on = 0;
}

END
{
	printf("intervals >= 5: %d\n", n >= 5);
	printf("0 < on-CPU total < wall time: %d\n", total > 0 && total < timestamp - start);
}
