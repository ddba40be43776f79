#!/usr/sbin/dtrace -s
/*
 * malloc-mmap.d - which allocations map?  malloc() calls that led to an
 * mmap against those that did not, and the sizes of each.
 *
 * Step 4 of the top investigation (WALKTHROUGH.md):
 *   dscope -s scripts/malloc-mmap.d -p $(pgrep -n top)
 *   dscope -s scripts/malloc-mmap.d -c build/progs/mallocs
 *
 * Prints the number of malloc() calls that made an mmap system call
 * ("mapped") and of those that did not ("no map"), then a power-of-two
 * histogram of the requested sizes for each: glibc serves requests from
 * its mmap threshold (128 KiB by default, raised as large blocks are
 * freed) with a mapping of their own, unmapped again by free().  Only
 * malloc() itself is followed (calloc and realloc are not).
 */
#pragma D option quiet

pid$target::malloc:entry
{
	self->size = arg0;
	self->follow = 1;
	self->mapped = 0;
}

syscall::mmap:entry
/self->follow/
{
	self->mapped = 1;
}

pid$target::malloc:return
/self->follow/
{
	@calls[self->mapped ? "mapped" : "no map"] = count();
	@sizes[self->mapped ? "mapped" : "no map"] = quantize(self->size);
	self->follow = 0;
	self->mapped = 0;
	self->size = 0;
}

END
{
	printf("%-8s %10s\n", "MALLOC", "CALLS");
	printa("%-8s %@10d\n", @calls);
	printa(@sizes);
}
