/*
 * proc:::exec (before it: the path through copyinstr(arg0)), exec-failure
 * (arg0 the errno: ENOENT, 2) and exec-success (in the new image), from a
 * child that fails to exec a missing file and then execs /bin/true.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/execs"
 */

proc:::exec
/ppid == $target/
{
	printf("exec %s\n", copyinstr(arg0));
}

proc:::exec-failure
/ppid == $target/
{
	printf("exec-failure %d\n", arg0);
}

proc:::exec-success
/ppid == $target/
{
	printf("exec-success %s\n", execname);
}
