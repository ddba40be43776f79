/*
 * Proves: arg0 on syscall entry is the first argument: the writes
 * program writes to fd 1 three times and closes fd -1 four times.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/writes
 */

syscall::write:entry
/pid == $target/
{
	@w[arg0, arg2] = count();
}

syscall::close:entry
/pid == $target && (int)arg0 < 0/
{
	@c[(int)arg0] = count();
}

END
{
	printa("write fd %d len %d: %@d\n", @w);
	printa("close fd %d: %@d\n", @c);
}
