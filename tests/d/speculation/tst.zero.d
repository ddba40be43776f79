/*
 * Proves: speculate(0) drops the clause's data silently (the failed
 * speculation() idiom), commit(0) and discard(0) do nothing, and
 * committing a slot that is not active commits nothing.
 */
#pragma D option quiet

BEGIN
{
	speculate(0);
	printf("never printed\n");
}

BEGIN
{
	commit(0);
	discard(0);
	commit(1);
}

BEGIN
{
	speculate(1);
	printf("inactive slot: never printed\n");
}

BEGIN
{
	commit(1);
}

BEGIN
{
	printf("done\n");
	exit(0);
}
