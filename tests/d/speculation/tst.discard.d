/*
 * Proves: discarded data never appears, commit() and discard() of several
 * speculations in one clause each act on their own, and a slot is free
 * again as soon as it is committed or discarded.
 */
#pragma D option quiet
#pragma D option nspec=3

BEGIN
{
	i = speculation();
	j = speculation();
	k = speculation();
	printf("ids %d %d %d\n", i, j, k);
}

BEGIN
{
	speculate(i);
	printf("kept %d\n", i);
}

BEGIN
{
	speculate(j);
	printf("discarded %d\n", j);
}

BEGIN
{
	speculate(k);
	printf("kept %d\n", k);
}

BEGIN
{
	commit(k);
	discard(j);
	commit(i);
}

BEGIN
{
	n = speculation();
	printf("free again: %d\n", n);
	exit(0);
}
