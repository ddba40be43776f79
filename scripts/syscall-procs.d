#!/usr/sbin/dtrace -s
/*
 * syscall-procs.d - which processes make system calls, how many, and how
 * much time do they cost?
 *
 *   dscope -s scripts/syscall-procs.d              every process
 *   dscope -s scripts/syscall-procs.d top          processes named top
 *   dscope -s scripts/syscall-procs.d -c 'cmd'     one command (its own pid)
 *
 * One row per process (pid and name): system calls made, on-CPU
 * nanoseconds inside them (vtimestamp, without dscope's own cost) and wall
 * nanoseconds (entry to return, blocking included), the costliest on CPU
 * last.  A call still blocked when tracing stops is not counted.
 */
#pragma D option quiet
#pragma D option defaultargs
#pragma D option aggsortpos=1

syscall:::entry
/$target ? pid == $target : ($$1 == "" || execname == $$1)/
{
	self->vts = vtimestamp;
	self->ts = timestamp;
}

syscall:::return
/self->ts/
{
	@calls[pid, execname] = count();
	@oncpu[pid, execname] = sum(vtimestamp - self->vts);
	@wall[pid, execname] = sum(timestamp - self->ts);
	self->vts = 0;
	self->ts = 0;
}

END
{
	printf("%7s %-16s %10s %14s %14s\n", "PID", "PROCESS", "CALLS", "ON-CPU (ns)", "WALL (ns)");
	printa("%7d %-16s %@10d %@14d %@14d\n", @calls, @oncpu, @wall);
}
