/*
 * Proves: a %@ conversion in printf() is D_PRINTF_AGG_CONV.
 */

BEGIN
{
	printf("%@d\n", 1);
}
