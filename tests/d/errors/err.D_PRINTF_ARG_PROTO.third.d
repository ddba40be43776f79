/*
 * Proves: a third conversion with only two value arguments is
 * D_PRINTF_ARG_PROTO for conversion #3.
 */

BEGIN
{
	printf("%d %s %d\n", 1, "a");
}
