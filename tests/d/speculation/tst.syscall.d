/*
 * Proves: speculations across probes and firings: each openat(2) of the
 * target is speculated with its path, committed when it failed and
 * discarded when it succeeded, so only the three failing opens print.
 *
 * @@args: -c $DSCOPE_TEST_PROGS/opens
 */
#pragma D option quiet

syscall::openat:entry
/pid == $target/
{
	self->spec = speculation();
	speculate(self->spec);
	printf("openat(%s)", copyinstr(arg1));
}

syscall::openat:return
/self->spec/
{
	speculate(self->spec);
	printf(" = %d, errno %d\n", (int)arg1, errno);
}

syscall::openat:return
/self->spec && errno != 0/
{
	commit(self->spec);
	self->spec = 0;
}

syscall::openat:return
/self->spec/
{
	discard(self->spec);
	self->spec = 0;
}
