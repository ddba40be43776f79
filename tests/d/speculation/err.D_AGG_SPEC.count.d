/*
 * Proves: aggregations may not follow speculate().
 */

BEGIN
{
	speculate(1);
	@c[probefunc] = count();
}
