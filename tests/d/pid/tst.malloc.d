/*
 * pid provider in a shared library: every malloc() of the program, by size
 * (libc.so.6 is found even before the process has mapped it).
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/mallocs"
 */

pid$target:libc.so.6:malloc:entry
{
	@sizes[arg0] = count();
}
