#!/usr/sbin/dtrace -s
/*
 * malloc-stacks.d - from where?  The user stacks behind big allocations.
 *
 * Step 5 of the top investigation (WALKTHROUGH.md):
 *   dscope -s scripts/malloc-stacks.d -p $(pgrep -n top)
 *   dscope -s scripts/malloc-stacks.d -c 'cmd args' [MINBYTES]
 *
 * Counts malloc() calls of at least MINBYTES (default 262144) by the user
 * stack that made them, the most frequent last: each stack is printed
 * innermost frame first (malloc), then its callers, as module`function+
 * offset - module+offset where a stripped binary has no symbol - unwound
 * from .eh_frame, so programs built without frame pointers (Debian's top)
 * show every frame; the number under a stack is its count of calls.
 */
#pragma D option quiet
#pragma D option defaultargs

pid$target::malloc:entry
/arg0 >= ($1 ? $1 : 262144)/
{
	@[ustack()] = count();
}
