#!/usr/sbin/dtrace -s
/*
 * mmap-flow.d - who maps and unmaps?  Every function call of a process
 * between an mmap and the munmap of the same address, indented by depth.
 *
 * Step 3 of the top investigation (WALKTHROUGH.md):
 *   dscope -s scripts/mmap-flow.d -p $(pgrep -n top)
 *   dscope -s scripts/mmap-flow.d -c build/progs/mallocs
 *
 * Each flow opens with the mmap's return (the address it mapped) and the
 * user stack that called it - malloc leading to mmap - then every function
 * entry (->) and return (<-) of the thread, indented by call depth, down
 * to the munmap of that address (free leading to munmap).  Only flows whose
 * mapping is unmapped are printed: the thread's calls are held in a
 * speculation from each mmap, committed at the matching munmap and
 * discarded at the thread's next mmap or after 100000 calls.  Probing every
 * function of a process makes it much slower while this runs.
 */
#pragma D option flowindent
#pragma D option specsize=16m
#pragma D option defaultargs

self int spec;
self uint64_t ptr;
self int calls;

/* a new mapping: forget the flow of the previous one */
syscall::mmap:return
/self->spec/
{
	discard(self->spec);
	self->spec = 0;
}

syscall::mmap:return
/pid == $target && (int64_t)arg0 != -1/
{
	self->ptr = arg0;
	self->calls = 0;
	self->spec = speculation();
	speculate(self->spec);
	printf("mapped 0x%x", arg0);
	ustack();
}

pid$target:::entry,
pid$target:::return
/self->spec && ++self->calls > 100000/
{
	discard(self->spec);
	self->spec = 0;
}

pid$target:::entry,
pid$target:::return
/self->spec/
{
	speculate(self->spec);
}

syscall::munmap:entry
/self->spec && arg0 == self->ptr/
{
	speculate(self->spec);
	printf("unmaps 0x%x", arg0);
}

syscall::munmap:entry
/self->spec && arg0 == self->ptr/
{
	commit(self->spec);
	self->spec = 0;
	self->ptr = 0;
}
