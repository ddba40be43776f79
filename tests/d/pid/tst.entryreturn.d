/*
 * pid provider: entry and return of a function in the main executable
 * ("a.out"), with its first argument on entry and its return value in arg1
 * on return; -c starts the command stopped at its exec, so no call is
 * missed.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/mallocs"
 */

pid$target:a.out:work:entry
{
	printf("work(%d)\n", arg0);
}

pid$target:a.out:work:return
{
	printf("= %d\n", arg1);
}
