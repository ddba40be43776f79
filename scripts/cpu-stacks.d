#!/usr/sbin/dtrace -s
/*
 * cpu-stacks.d - where does a process spend its CPU time, by user stack?
 *
 *   dscope -s scripts/cpu-stacks.d -p PID
 *   dscope -s scripts/cpu-stacks.d -c 'cmd args'
 *   dscope -s scripts/cpu-stacks.d top            processes named top
 *   dscope -s scripts/cpu-stacks.d                every process
 *
 * Samples every CPU 99 times a second (off step with timers that tick at
 * round rates) and counts, for the process running there, its name and its
 * user stack, innermost frame first, unwound from .eh_frame: programs built
 * without frame pointers show every frame.  The number under each stack
 * is its samples, about 10 ms of CPU each; the hottest stacks last.  A
 * sample taken while the process runs in the kernel counts the user stack
 * that made the system call.
 */
#pragma D option quiet
#pragma D option defaultargs

profile-99
/pid != 0 && ($target ? pid == $target : ($$1 == "" || execname == $$1))/
{
	@[execname, ustack()] = count();
}
