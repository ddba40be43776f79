/*
 * Proves: actions after exit() in the same clause still run, but later
 * clauses of the probe do not produce output after the first exit().
 *
 * @@args: -q
 */

BEGIN
{
	printf("before\n");
	exit(0);
	printf("after\n");
}
