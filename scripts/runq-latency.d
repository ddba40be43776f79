#!/usr/sbin/dtrace -s
/*
 * runq-latency.d - how long do threads wait for a CPU once they are ready
 * to run?
 *
 *   dscope -s scripts/runq-latency.d                every process, until Ctrl-C
 *   dscope -s scripts/runq-latency.d -c 'cmd args'  one command
 *   dscope -s scripts/runq-latency.d -p PID         one process
 *   dscope -s scripts/runq-latency.d top            processes named top
 *
 * For each thread, the time from joining a run queue (sched:::enqueue:
 * woken, new, or preempted) to running (sched:::on-cpu), as a power-of-two
 * histogram in nanoseconds per process name: the value column is the lower
 * bound of each bucket, the count column the number of waits in it.  Long
 * waits on an idle-looking machine point at CPU limits (cgroups), affinity
 * or priorities; on a busy one, at too many runnable threads.
 */
#pragma D option quiet
#pragma D option defaultargs

sched:::enqueue
/$target ? args[1]->pr_pid == $target : ($$1 == "" || args[1]->pr_fname == $$1)/
{
	queued[args[0]->pr_lwpid] = timestamp;
}

sched:::on-cpu
/queued[tid]/
{
	@[execname] = quantize(timestamp - queued[tid]);
	queued[tid] = 0;
}
