/*
 * Proves: with aggsortkey and the default key position, a two-key
 * aggregation sorts by its first key, then its second.
 *
 * @@args: -q -x aggsortkey
 */

BEGIN
{
	@a["b", 1] = sum(10);
	@a["a", 2] = sum(20);
	@a["a", 1] = sum(30);
	@a["b", 2] = sum(40);
	printa("%s %d %@d\n", @a);
	exit(0);
}
