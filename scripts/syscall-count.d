#!/usr/sbin/dtrace -s
/*
 * syscall-count.d - which system calls does a process make, and how often?
 *
 * Step 1 of the top investigation (docs: ../shared/WALKTHROUGH.md):
 *   dscope -s scripts/syscall-count.d -p $(pgrep -n top)
 *   dscope -s scripts/syscall-count.d -c 'ls -l /'
 * Without -p or -c it counts for the whole system.
 */
#pragma D option quiet

syscall:::entry
/$target == 0 || pid == $target/
{
	@calls[execname, probefunc] = count();
}

END
{
	printa("%-16s %-24s %@12d\n", @calls);
}
