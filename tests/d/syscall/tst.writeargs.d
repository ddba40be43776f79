/*
 * Proves: arg0, arg1 and arg2 of write(fd, buf, n) are the descriptor,
 * a non-null buffer address and the byte count.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::write:entry
/pid == $target/
{
	fd = arg0;
	buf = arg1;
	n = arg2;
}

END
{
	printf("fd=%d buf!=0:%d n=%d\n", fd, buf != 0, n);
}
