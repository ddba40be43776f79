/*
 * Proves: syscall return probes fire once per call, and entry/return
 * pair up through a thread-local variable.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

BEGIN
{
	n = 0;
}

syscall::getppid:entry
/pid == $target/
{
	self->in = 1;
}

syscall::getppid:return
/self->in/
{
	n++;
	self->in = 0;
}

END
{
	printf("%d returns\n", n);
}
