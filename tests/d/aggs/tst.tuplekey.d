/*
 * Proves: aggregations keyed by tuples of int and string print each key
 * column.
 *
 * @@args: -q
 */

BEGIN
{
	@t[1, "one"] = sum(10);
	@t[2, "two"] = sum(20);
	@t[2, "two"] = sum(1);
	exit(0);
}
