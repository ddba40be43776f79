/*
 * -c starts the command stopped at its exec and lets it go only once the
 * probes are attached, so even the first calls are seen: libc's
 * __libc_start_main (before main, in a library not yet mapped at the exec)
 * and main, once each, and the first write.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/writes"
 */

pid$target:libc.so.6:__libc_start_main:entry,
pid$target:a.out:main:entry
{
	@calls[probefunc] = count();
}

syscall::write:entry
/pid == $target/
{
	@writes = count();
}

END
{
	printa("%s %@d\n", @calls);
	printa("writes %@d\n", @writes);
}
