/*
 * Proves: printf() with an empty format string is D_PRINTF_FMT_EMPTY.
 */

BEGIN
{
	printf("");
}
