/*
 * Proves: using two keys for an aggregation first keyed by one is D_PROTO_LEN.
 */

BEGIN
{
	@a[1] = count();
	@a[1, 2] = count();
}
