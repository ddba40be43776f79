/*
 * Proves: across a sleeping system call the vtimestamp delta is positive
 * and no larger than the timestamp delta (100us slack for the order in
 * which the two clocks are read).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::nanosleep:entry
/pid == $target/
{
	self->ts = timestamp;
	self->vts = vtimestamp;
}

syscall::nanosleep:return
/self->ts/
{
	this->d = timestamp - self->ts;
	this->vd = vtimestamp - self->vts;
	printf("vd > 0: %d\n", this->vd > 0);
	printf("vd <= d: %d\n", this->vd <= this->d + 100000);
	self->ts = 0;
	self->vts = 0;
}
