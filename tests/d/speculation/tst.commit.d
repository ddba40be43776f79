/*
 * Proves: speculation() hands out ids 1..nspec, then 0 (counted as a
 * failed speculation); speculated data appears only when committed, at
 * the place of the commit in the output.
 */
#pragma D option quiet

BEGIN
{
	i = speculation();
	j = speculation();
	printf("ids %d %d\n", i, j);
}

BEGIN
{
	speculate(i);
	printf("speculated on %d\n", i);
}

BEGIN
{
	printf("not speculative\n");
}

BEGIN
{
	commit(i);
}

BEGIN
{
	printf("after the commit\n");
	exit(0);
}
