/*
 * Proves: negative integer keys print as signed numbers, and with equal
 * values keys are ordered as unsigned (so -1 sorts after positives).
 *
 * @@args: -q
 */

BEGIN
{
	@a[-5] = count();
	@a[3] = count();
	@a[-1] = count();
	@a[0] = count();
	exit(0);
}
