/*
 * Proves: one clause with a list of two probe descriptions fires for
 * both (chdir 3 times, dup once).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::chdir:entry,
syscall::dup:entry
/pid == $target/
{
	@[probefunc] = count();
}
