#!/usr/sbin/dscope -s
/*
 * top.d - what is the machine doing, process by process?  A top computed
 * in the kernel instead of by reading /proc: for each process, its time on
 * CPU (from scheduler switches), its system calls (count and time inside
 * them), the time its threads waited runnable for a CPU (run-queue
 * latency), its page faults, and the block I/O it issued.  dscope's own
 * process is never counted: its probes leave it out in the kernel.
 *
 * Usage:
 *   dscope -s scripts/top.d              the full-screen "top problem" view
 *   dscope -s scripts/top.d -b           batch: one table at Ctrl-C
 *   dscope -s scripts/top.d -c 'cmd'     until the command exits
 *
 * In the interface every aggregation below shares the key (pid, execname),
 * so they show as one table with a column each: sort by any of them with
 * < and >.  Times are in nanoseconds, I/O in bytes.
 */

#pragma D option quiet

/* on-CPU time: from the moment a thread comes on a CPU to when it leaves
 * (the idle threads, pid 0, are not a process) */
sched:::on-cpu
/pid != 0/
{
	self->on = timestamp;
}

sched:::off-cpu
/self->on/
{
	@oncpu[pid, execname] = sum(timestamp - self->on);
	self->on = 0;
}

/* system calls and the time spent in them */
syscall:::entry
{
	self->ts = timestamp;
}

syscall:::return
/self->ts/
{
	@syscalls[pid, execname] = count();
	@systime[pid, execname] = sum(timestamp - self->ts);
	self->ts = 0;
}

/* run-queue latency: made runnable, then waited for a CPU */
sched:::enqueue
{
	queued[args[0]->pr_lwpid] = timestamp;
}

sched:::on-cpu
/queued[tid]/
{
	@runq[pid, execname] = sum(timestamp - queued[tid]);
	queued[tid] = 0;
}

/* page faults taken in user space */
tracepoint:exceptions:page_fault_user
{
	@faults[pid, execname] = count();
}

/* block I/O the process issued */
io:::start
{
	@iobytes[pid, execname] = sum(args[0]->b_bcount);
}

dtrace:::END
{
	printf("%8s %-16s %14s %10s %14s %14s %8s %12s\n", "PID", "PROCESS", "ON-CPU (ns)", "SYSCALLS",
	    "SYSCALL (ns)", "RUNQ (ns)", "FAULTS", "IO (bytes)");
	printa("%8d %-16s %@14d %@10d %@14d %@14d %@8d %@12d\n", @oncpu, @syscalls, @systime, @runq,
	    @faults, @iobytes);
}
