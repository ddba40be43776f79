/*
 * Proves: sum() requires exactly one argument: D_PROTO_LEN.
 */

BEGIN
{
	@a = sum();
}
