/*
 * Proves: END clauses run in program order after exit() from BEGIN.
 *
 * @@args: -q
 */

END
{
	printf("end 1\n");
}

BEGIN
{
	printf("begin\n");
	exit(0);
}

END
{
	printf("end 2\n");
}
