/*
 * psinfo_t and lwpsinfo_t: curpsinfo of the traced process (its arguments,
 * name, ids) and proc:::create's args[0] (the child), from a program that
 * writes "hello" 3 times, then from one that forks 3 children and starts a
 * thread.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/forker a b"
 */

proc:::create
/pid == $target/
{
	@create[args[0]->pr_fname, args[0]->pr_pid != pid, args[0]->pr_ppid == pid,
	    args[0]->pr_uid == uid, args[0]->pr_gid == gid] = count();
}

proc:::lwp-create
/pid == $target/
{
	@lwp[args[0]->pr_lwpid != tid, args[1]->pr_pid == pid] = count();
}

syscall::exit_group:entry
/pid == $target/
{
	printf("[%s] [%s] pid %d ppid %d uid %d lwpid %d cpu %d\n", curpsinfo->pr_psargs,
	    curpsinfo->pr_fname, curpsinfo->pr_pid == pid, curpsinfo->pr_ppid == ppid,
	    curpsinfo->pr_uid == uid, curlwpsinfo->pr_lwpid == tid, curlwpsinfo->pr_onpro == cpu);
}

END
{
	printa("create %s (new pid %d, parent %d, uid %d gid %d): %@d\n", @create);
	printa("lwp-create (new tid %d, pid %d): %@d\n", @lwp);
}
