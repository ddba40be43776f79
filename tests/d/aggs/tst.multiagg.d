/*
 * Proves: at exit, several aggregations are printed one after another in
 * the order they were declared, each sorted by value.
 *
 * @@args: -q
 */

BEGIN
{
	@first["x"] = count();
	@second["y"] = sum(5);
	@second["z"] = sum(2);
	@third = max(-3);
	exit(0);
}
