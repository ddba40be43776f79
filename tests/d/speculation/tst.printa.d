/*
 * Proves: printa() may be speculated; the aggregation prints as it is when
 * the commit is consumed, as in dtrace.
 */
#pragma D option quiet

BEGIN
{
	@n = count();
	s = speculation();
}

BEGIN
{
	speculate(s);
	printa("count %@d\n", @n);
}

BEGIN
{
	@n = count();
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
