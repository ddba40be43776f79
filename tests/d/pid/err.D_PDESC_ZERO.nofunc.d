/*
 * A function the process does not have matches no probe.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/mallocs"
 */

pid$target:a.out:no_such_function:entry
{
	exit(0);
}
