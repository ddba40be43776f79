/*
 * Proves: errno on return holds ENOENT (2) for chdir and EBADF (9) for
 * dup and readv; keyed by (probefunc, errno).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::chdir:return,
syscall::dup:return,
syscall::readv:return
/pid == $target/
{
	@[probefunc, errno] = count();
}

END
{
	printa("%-6s errno %d x%@d\n", @);
}
