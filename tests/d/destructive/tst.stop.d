/*
 * Proves: stop() stops the process that fired the probe: SIGSTOP is sent
 * to the target at its first sleep, and the target, which would otherwise
 * exit after 0.2 s, is still there a second later.
 *
 * @@args: -w -c "$DSCOPE_TEST_PROGS/sleeper 100"
 */
#pragma D option quiet

syscall::clock_nanosleep:entry,
syscall::nanosleep:entry
/pid == $target && !stopped/
{
	stopped = 1;
	stop();
}

proc:::signal-send
/arg1 == $target && arg2 == 19/
{
	printf("SIGSTOP sent to the target\n");
}

proc:::exit
/pid == $target/
{
	printf("the target exited\n");
}

tick-1s
{
	printf("the target is still stopped\n");
	exit(0);
}
