/*
 * Proves: printf %d with a string argument is D_PRINTF_ARG_TYPE.
 */

BEGIN
{
	printf("%d\n", "str");
}
