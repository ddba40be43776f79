/*
 * Step 4 of the top investigation: which allocations map?  malloc() calls
 * that led to an mmap against those that did not, with the sizes as
 * histograms: glibc serves the 300000-byte request with mmap.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/mallocs"
 */

pid$target::malloc:entry
{
	self->size = arg0;
}

syscall::mmap:entry
/self->size/
{
	@["mapped"] = quantize(self->size);
	self->mapped = 1;
}

pid$target::malloc:return
/self->size && !self->mapped/
{
	@["no map"] = quantize(self->size);
}

pid$target::malloc:return
{
	self->size = 0;
	self->mapped = 0;
}
