/*
 * Proves: an id beyond nspec is dtrace's illegal-operation fault: the
 * clause is abandoned and dtrace:::ERROR fires.
 */
#pragma D option quiet
#pragma D option nspec=2

BEGIN
{
	commit(3);
}

BEGIN
{
	printf("later clauses still run\n");
}

ERROR
{
	printf("ERROR fired\n");
	exit(0);
}
