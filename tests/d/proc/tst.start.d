/*
 * proc:::start (a new process's first moment on a CPU, in its context) and
 * lwp-start (a new thread's), from a program that forks 3 children and
 * starts one thread.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/forker"
 */

proc:::start
/ppid == $target/
{
	@start[execname, pid != $target] = count();
}

proc:::lwp-start
/pid == $target/
{
	@lwp[execname, tid != pid] = count();
}

END
{
	printa("start %s (new pid %d): %@d\n", @start);
	printa("lwp-start %s (new tid %d): %@d\n", @lwp);
}
