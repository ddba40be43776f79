/*
 * Proves: a builtin string (probeprov) and string literals key the same
 * aggregation; the literal "dtrace" adds to probeprov's entry and keys
 * with a shared prefix stay distinct.
 *
 * @@args: -q
 */

BEGIN
{
	@[probeprov] = count();
	@["dt"] = count();
	@["dtrace"] = count();
	@["dtraces"] = count();
	exit(0);
}
