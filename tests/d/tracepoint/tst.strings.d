/*
 * tracepoint provider: char-array fields (sched_process_fork's parent and
 * child names) and __data_loc strings (sched_process_exec's filename),
 * from a program that forks 3 children (one execs /bin/true) and starts a
 * thread.  Thread creation is a fork to the scheduler too.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/forker"
 */

tracepoint:sched:sched_process_fork
/args->parent_pid == $target/
{
	@fork[args->parent_comm, args->child_comm, args->child_pid > args->parent_pid] = count();
}

tracepoint:sched:sched_process_exec
/ppid == $target/
{
	printf("exec %s pid ok %d old_pid ok %d\n", args->filename, args->pid == pid, args->old_pid == pid);
}

END
{
	printa("fork %s -> %s (child pid larger %d): %@d\n", @fork);
}
