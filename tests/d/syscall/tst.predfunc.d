/*
 * Proves: syscall:::entry with a predicate on probefunc counts exactly
 * one system call of the target (chdir, called 3 times).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall:::entry
/pid == $target && probefunc == "chdir"/
{
	@[probefunc] = count();
}
