/*
 * Proves: avg() uses integer division of the sum by the count.
 *
 * @@args: -q
 */

BEGIN
{
	@a = avg(1);
	@a = avg(2);
	@a = avg(4);
	printa("avg %@d\n", @a);
	exit(0);
}
