/*
 * Proves: a string passed as the * width of %*d is D_PRINTF_DYN_TYPE.
 */

BEGIN
{
	printf("%*d\n", "w", 1);
}
