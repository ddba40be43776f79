/*
 * Proves: with aggsortrev the exit-time print reverses the order of the
 * aggregations as well as the order of their entries.
 *
 * @@args: -q -x aggsortrev
 */

BEGIN
{
	@first["x"] = count();
	@second["y"] = sum(5);
	@second["z"] = sum(2);
	@third = max(-3);
	exit(0);
}
