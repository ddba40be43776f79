/*
 * Proves: printf with no arguments at all is D_PROTO_LEN.
 */

BEGIN
{
	printf();
}
