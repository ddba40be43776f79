/*
 * proc provider: create (processes, in the parent, arg0 the child's pid),
 * lwp-create (threads), exec-success (in the new image: its execname) and
 * exit with dtrace's reasons (CLD_EXITED 1, CLD_KILLED 2), from a program
 * that forks three children (exit 7, exec /bin/true, SIGKILL) and starts a
 * thread.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/forker"
 */

proc:::create
/pid == $target/
{
	@created = count();
	@childpid = max(arg0 > $target);
}

proc:::lwp-create
/pid == $target/
{
	@threads = count();
}

proc:::exec-success
/ppid == $target/
{
	printf("exec-success: %s\n", execname);
}

proc:::exit
/ppid == $target/
{
	@reasons[arg0] = count();
}

END
{
	printa("processes created: %@d\n", @created);
	printa("child pid after parent's: %@d\n", @childpid);
	printa("threads created: %@d\n", @threads);
	printa("exit reason %d: %@d\n", @reasons);
}
