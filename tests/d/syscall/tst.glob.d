/*
 * Proves: a function glob (syscall::read*:entry) matches read and readv
 * but not pread64; only the target's calls on fd -1 are counted.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::read*:entry
/pid == $target && (int)arg0 == -1/
{
	@[probefunc] = count();
}

syscall::pread64:entry
/pid == $target && (int)arg0 == -1/
{
	@p[probefunc] = count();
}

END
{
	printa("read*: %s %@d\n", @);
	printa("other: %s %@d\n", @p);
}
