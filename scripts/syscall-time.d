#!/usr/sbin/dtrace -s
/*
 * syscall-time.d - where does a process's system call time go?
 *
 * On-CPU nanoseconds per system call, measured with vtimestamp (the thread's
 * real on-CPU time, without dscope's own cost), and the wall time; the
 * "- all syscalls -" row against "- total -", all the time the process spent
 * on CPU, tells how much of its cost is system calls (step 2 of the top
 * investigation):
 *   dscope -s scripts/syscall-time.d -p $(pgrep -n top)
 */
#pragma D option quiet

syscall:::entry
/$target == 0 || pid == $target/
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
	@oncpu["- all syscalls -"] = sum(vtimestamp - self->vts);
	self->vts = 0;
	self->ts = 0;
}

sched:::on-cpu
/$target == 0 || pid == $target/
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
