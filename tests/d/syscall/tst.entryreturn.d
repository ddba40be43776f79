/*
 * Proves: every syscall::getpid:entry of the target is matched by a
 * syscall::getpid:return (4 each), counted in separate aggregations.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::getpid:entry
/pid == $target/
{
	@e = count();
}

syscall::getpid:return
/pid == $target/
{
	@r = count();
}

END
{
	printa("entry %@d\n", @e);
	printa("return %@d\n", @r);
}
