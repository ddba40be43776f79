#!/usr/sbin/dtrace -s
/*
 * offcpu-stacks.d - where does a process wait, by user stack?
 *
 *   dscope -s scripts/offcpu-stacks.d -p PID
 *   dscope -s scripts/offcpu-stacks.d -c 'cmd args'
 *   dscope -s scripts/offcpu-stacks.d nginx        processes of one name
 *
 * The time each thread spends off CPU - blocked on I/O, locks, sleeps,
 * waiting for its turn after a preemption - summed by its name and the
 * user stack it left the CPU from (taken at sched:::off-cpu, when the
 * thread is still the one running), in nanoseconds under each stack, the
 * longest last.  The time is counted when the thread runs again, so a
 * thread still off CPU when tracing stops is not counted.  CPU time is
 * cpu-stacks.d's; the two together account for a thread's wall time.
 */
#pragma D option quiet
#pragma D option defaultargs

sched:::off-cpu
/pid != 0 && ($target ? pid == $target : ($$1 == "" || execname == $$1))/
{
	self->ts = timestamp;
	self->stack = ustack();
}

/* on-cpu speaks about the thread coming on CPU: its self-> variables */
sched:::on-cpu
/self->ts/
{
	@[execname, self->stack] = sum(timestamp - self->ts);
	self->ts = 0;
}
