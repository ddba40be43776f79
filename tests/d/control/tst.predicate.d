/*
 * Proves: predicates select which clauses run, in program order.
 *
 * @@args: -q
 */

BEGIN
{
	x = 3;
}

BEGIN
/x == 3/
{
	printf("three\n");
}

BEGIN
/x != 3/
{
	printf("not three\n");
}

BEGIN
/x > 1 && x < 5/
{
	printf("between\n");
	exit(0);
}
