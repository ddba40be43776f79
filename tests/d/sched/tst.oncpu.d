/*
 * sched:::on-cpu and off-cpu fire for the target as it sleeps: at least one
 * on-cpu and one off-cpu per sleep, and on-cpu speaks about the incoming
 * thread (its pid and execname), not the one leaving.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/sleeper 5"
 */

BEGIN
{
	on = 0;
	off = 0;
}

sched:::on-cpu
/pid == $target/
{
	on++;
}

/* before its exec the child is still named after dscope */
sched:::on-cpu
/pid == $target && execname != "dscope"/
{
	@names[execname] = count();
}

sched:::off-cpu
/pid == $target/
{
	off++;
}

END
{
	printf("on >= 5: %d, off >= 5: %d\n", on >= 5, off >= 5);
	printa("%s\n", @names);
}
