/*
 * Proves: using a string key for an aggregation first keyed by an int is
 * D_PROTO_ARG.
 */

BEGIN
{
	@a[1] = count();
	@a["x"] = count();
}
