/*
 * Proves: printa() format with a key conversion but an unkeyed aggregation is D_PRINTF_ARG_PROTO.
 */

BEGIN
{
	@a = count();
	printa("%d %@d\n", @a);
}
