/*
 * Proves: exit() from a tick probe sets the exit status and runs END.
 *
 * @@args: -q
 */

tick-10ms
{
	exit(5);
}

END
{
	printf("end\n");
}
