/*
 * Proves: a speculation holds at most specsize bytes of records: the
 * records past it are speculative drops, reported as dtrace reports them,
 * and what fitted is still committed.
 */
#pragma D option quiet
#pragma D option specsize=100

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("first %d\n", 1);
}

BEGIN
{
	speculate(s);
	printf("second %d\n", 2);
}

BEGIN
{
	speculate(s);
	printf("third %d\n", 3);
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
