#!/usr/sbin/dtrace -s
/*
 * syscall-time.d - where does a process's system call time go?
 *
 * Step 2 of the top investigation (WALKTHROUGH.md):
 *   dscope -s scripts/syscall-time.d -p $(pgrep -n top)
 *   dscope -s scripts/syscall-time.d -c 'cmd args'
 *   dscope -s scripts/syscall-time.d top         every process named top
 *
 * One row per system call: calls, on-CPU nanoseconds (vtimestamp: the
 * thread's own time on CPU, without dscope's cost) and wall nanoseconds
 * (entry to return, sleeping included).  Two rows stand apart: "- all
 * syscalls -" adds up every system call, and "- total -" is all the time
 * the process spent on CPU (from sched:::on-cpu to off-cpu), so each row's
 * on-CPU time against "- total -" is its share of the process's cost, and
 * "- all syscalls -" against "- total -" how much of it is spent in the
 * kernel on its behalf.  Sorted by on-CPU time: the costliest last.
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
	@count[probefunc] = count();
	@oncpu[probefunc] = sum(vtimestamp - self->vts);
	@wall[probefunc] = sum(timestamp - self->ts);
	@count["- all syscalls -"] = count();
	@oncpu["- all syscalls -"] = sum(vtimestamp - self->vts);
	@wall["- all syscalls -"] = sum(timestamp - self->ts);
	self->vts = 0;
	self->ts = 0;
}

sched:::on-cpu
/pid != 0 && ($target ? pid == $target : ($$1 == "" || execname == $$1))/
{
	self->on = timestamp;
}

sched:::off-cpu
/self->on/
{
	@oncpu["- total -"] = sum(timestamp - self->on);
	self->on = 0;
}

END
{
	printf("%-24s %10s %14s %14s\n", "SYSCALL", "COUNT", "ON-CPU (ns)", "WALL (ns)");
	printa("%-24s %@10d %@14d %@14d\n", @count, @oncpu, @wall);
}
