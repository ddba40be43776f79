#!/usr/sbin/dtrace -s
/*
 * malloc-sizes.d - what sizes does a process allocate, and with what?
 *
 *   dscope -s scripts/malloc-sizes.d -p PID
 *   dscope -s scripts/malloc-sizes.d -c 'cmd args'
 *
 * One power-of-two histogram of requested sizes in bytes for each of
 * malloc, calloc (count times size) and realloc, from glibc's entry
 * points (pid provider): the value column is the lower bound of each
 * bucket, the count column the number of calls in it.  Allocations the
 * dynamic loader makes before libc is ready are not libc's and not here.
 */
#pragma D option quiet

pid$target::malloc:entry
{
	@[probefunc] = quantize(arg0);
}

pid$target::calloc:entry
{
	@[probefunc] = quantize(arg0 * arg1);
}

pid$target::realloc:entry
{
	@[probefunc] = quantize(arg1);
}
