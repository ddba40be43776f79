/*
 * Proves: arg1 on syscall return is the return value (6 bytes written
 * by each write) and errno is EBADF (9) for the 4 closes of fd -1.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/writes
 */

syscall::write:return
/pid == $target/
{
	@w[(long)arg1] = count();
}

syscall::close:return
/pid == $target && errno != 0/
{
	@c[errno] = count();
}

END
{
	printa("write returned %d: %@d\n", @w);
	printa("close errno %d: %@d\n", @c);
}
