/*
 * Proves: min() and max() with negative values, printed with printa
 * formats.
 *
 * @@args: -q
 */

BEGIN
{
	@mn = min(5); @mn = min(-7); @mn = min(3);
	@mx = max(5); @mx = max(-7); @mx = max(3);
	printa("min %@d\n", @mn);
	printa("max %@d\n", @mx);
	exit(0);
}
