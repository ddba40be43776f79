/*
 * io:::wait-start and wait-done: a thread blocks waiting for block I/O and
 * runs again, from a program that reads and writes 8 blocks with O_DIRECT
 * (each request waited for; a request that completes before the thread
 * gets to sleep costs no wait, so only "some" is exact).
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/directio"
 */

io:::wait-start
/pid == $target/
{
	starts++;
	self->waiting = 1;
}

io:::wait-done
/pid == $target/
{
	dones++;
}

END
{
	printf("waited: %d, woke as often: %d\n", starts >= 1, starts == dones);
}
