/*
 * Proves: a clause with an empty body and a predicate compiles and does
 * nothing; the next clause still runs.
 *
 * @@args: -q
 */

BEGIN
/1/
{
}

BEGIN
{
	printf("ran\n");
	exit(0);
}
