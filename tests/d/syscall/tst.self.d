/*
 * Proves: thread-local variables are per thread and survive between
 * entry and return: sum of getppid calls counted in self-> and folded
 * into a global at return.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/getppid10
 */

BEGIN
{
	self->calls = 0;
}

syscall::getppid:entry
/pid == $target/
{
	self->calls++;
}

syscall::getppid:return
/pid == $target && self->calls == 10/
{
	printf("tenth call returned\n");
}
