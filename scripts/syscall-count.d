#!/usr/sbin/dtrace -s
/*
 * syscall-count.d - which system calls does a process make, and how often?
 *
 * Step 1 of the top investigation (WALKTHROUGH.md): a table of system calls
 * by name with the number of calls, for one process, every process of one
 * name, or the whole system:
 *   dscope -s scripts/syscall-count.d -p $(pgrep -n top)    a running process
 *   dscope -s scripts/syscall-count.d -c 'ls -l /'          a command, from its exec
 *   dscope -s scripts/syscall-count.d top                   every process named top
 *   dscope -s scripts/syscall-count.d                       the whole system
 * Ctrl-C (or the end of the process) prints the table: process name, system
 * call, calls; the busiest last.  On Debian 12, top makes thousands of
 * openat, read, close and newfstatat calls per refresh - several /proc files
 * per process - and few mmap/munmap.  Where opens outnumber closes,
 * syscall-errors.d shows the failures.
 */
#pragma D option quiet
#pragma D option defaultargs

syscall:::entry
/$target ? pid == $target : ($$1 == "" || execname == $$1)/
{
	@calls[execname, probefunc] = count();
}

END
{
	printf("%-16s %-24s %12s\n", "PROCESS", "SYSCALL", "COUNT");
	printa("%-16s %-24s %@12d\n", @calls);
}
