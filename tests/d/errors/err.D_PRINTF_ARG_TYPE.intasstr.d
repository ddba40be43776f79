/*
 * Proves: printf %s with an integer argument is D_PRINTF_ARG_TYPE.
 */

BEGIN
{
	printf("%s\n", 42);
}
