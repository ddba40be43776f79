/*
 * Proves: count() takes no arguments: D_PROTO_LEN.
 */

BEGIN
{
	@a = count(1);
}
