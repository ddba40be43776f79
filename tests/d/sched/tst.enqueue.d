/*
 * sched:::enqueue (a thread joins a run queue: woken, new or preempted) and
 * dequeue (it leaves it to run), with the thread in args[0]/args[1] and
 * arg0/arg1, from a program that sleeps 20 times for 2 ms (at least 5 are
 * asked for): each wakeup
 * enqueues it, and it leaves the queue to run each time (preemptions may
 * add more).
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/sleeper 20"
 */

BEGIN
{
	same = 0;
}

sched:::enqueue
/args[1]->pr_pid == $target/
{
	enq++;
	same += args[0]->pr_lwpid == arg0 && args[1]->pr_pid == arg1 && args[1]->pr_fname == "sleeper";
}

sched:::dequeue
/args[1]->pr_pid == $target/
{
	deq++;
}

END
{
	printf("enqueued at least 5 times: %d\n", enq >= 5);
	printf("dequeued at least 5 times: %d\n", deq >= 5);
	printf("arguments agree: %d\n", same == enq);
}
