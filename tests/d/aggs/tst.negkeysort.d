/*
 * Proves: with aggsortkey, integer keys are compared as unsigned values:
 * 0 and positives first, then negatives from -2 to -1.
 *
 * @@args: -q -x aggsortkey
 */

BEGIN
{
	@a[-1] = sum(10);
	@a[2] = sum(20);
	@a[-2] = sum(30);
	@a[0] = sum(40);
	printa("%d:%@d\n", @a);
	exit(0);
}
