/*
 * Proves: aggregations and exit() work inside if/else branches.
 *
 * @@args: -q
 */

BEGIN
{
	x = 7;
	if (x > 5) {
		@big["yes"] = count();
	} else {
		@big["no"] = count();
	}
	if (x == 7)
		exit(4);
}
