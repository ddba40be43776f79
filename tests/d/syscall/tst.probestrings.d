/*
 * Proves: probeprov, probemod, probefunc and probename of a syscall probe
 * print with %s as syscall, vmlinux, the call's name and entry/return.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::dup:entry,
syscall::dup:return
/pid == $target/
{
	printf("%s:%s:%s:%s\n", probeprov, probemod, probefunc, probename);
}
