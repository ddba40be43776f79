/*
 * sched:::on-cpu fires in the thread leaving the CPU, before the incoming
 * thread runs: the incoming thread's user stack cannot be taken there.
 */

sched:::on-cpu
{
	@[ustack()] = count();
}
