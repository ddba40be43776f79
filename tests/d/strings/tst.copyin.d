/*
 * copyin(addr, size): bytes of the traced process as a buffer (stringof,
 * %s), and *(T *)copyin(addr, sizeof (T)) as an integer, from a program that
 * writes "hello\n" 3 times.  The first write's buffer is in a page the
 * process has not touched yet, which a probe cannot fault in (dtrace has the
 * same limit), so the first call is left out.  The program writes to
 * a pipe (which reads the buffer), through a shell.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/writes | cat >/dev/null"
 */

syscall::write:entry
/(pid == $target || ppid == $target) && execname == "writes" && self->n++ > 0/
{
	printf("[%s] [%s] %x %d %d\n", stringof(copyin(arg1, 5)), copyin(arg1, arg2 - 1),
	    *(int *)copyin(arg1, 4), *(char *)copyin(arg1, 1), *(unsigned short *)copyin(arg1 + 4, 2));
}
