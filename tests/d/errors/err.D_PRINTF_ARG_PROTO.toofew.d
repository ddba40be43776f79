/*
 * Proves: printf with fewer arguments than conversions is D_PRINTF_ARG_PROTO.
 */

BEGIN
{
	printf("%d %d\n", 1);
}
