/*
 * sched:::tick: the clock tick (100 Hz) in the running thread, from a
 * program that spins on getppid() for about a second of CPU time (its
 * report goes to /dev/null, through a shell that may run it as a child).
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/bench_getppid 3000000 >/dev/null"
 * @@timeout: 60
 */

sched:::tick
/pid == $target || ppid == $target/
{
	ticks++;
}

END
{
	printf("ticked in the busy process: %d\n", ticks > 0);
}
