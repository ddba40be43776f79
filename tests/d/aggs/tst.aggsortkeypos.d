/*
 * Proves: -x aggsortkeypos=1 with aggsortkey sorts a two-key aggregation
 * by its second key first, then by the first.
 *
 * @@args: -q -x aggsortkey -x aggsortkeypos=1
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
