/*
 * Proves: a string passed to %c is D_PRINTF_ARG_TYPE.
 */

BEGIN
{
	printf("%c\n", "x");
}
