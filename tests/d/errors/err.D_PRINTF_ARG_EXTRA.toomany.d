/*
 * Proves: printf with more arguments than conversions is D_PRINTF_ARG_EXTRA.
 */

BEGIN
{
	printf("%d\n", 1, 2);
}
