/*
 * Proves: self-> carries an entry argument to the return probe, and arg1
 * on return is the value returned (umask(022) returns the previous 077).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::umask:entry
/pid == $target/
{
	self->mask = arg0;
	self->in = 1;
}

syscall::umask:return
/self->in && self->mask == 022/
{
	printf("umask(%o) returned %o\n", self->mask, arg1);
}

syscall::umask:return
/self->in/
{
	self->in = 0;
}
