/*
 * Proves: speculate() inside if makes only the records of firings that
 * took the branch speculative: of the target's ten getppid(2) calls, the
 * last two are speculated and then discarded.
 *
 * @@args: -c $DSCOPE_TEST_PROGS/getppid10
 */
#pragma D option quiet

BEGIN
{
	s = speculation();
}

syscall::getppid:entry
/pid == $target/
{
	n++;
	if (n > 8)
		speculate(s);
	printf("call %d\n", n);
}

syscall::exit_group:entry
/pid == $target/
{
	discard(s);
}
