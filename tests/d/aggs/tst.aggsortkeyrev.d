/*
 * Proves: aggsortkey together with aggsortrev prints the entries in
 * descending key order.
 *
 * @@args: -q -x aggsortkey -x aggsortrev
 */

BEGIN
{
	@a["delta"] = sum(1);
	@a["alpha"] = sum(4);
	@a["charlie"] = sum(2);
	@a["bravo"] = sum(3);
	exit(0);
}
