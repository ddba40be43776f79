/*
 * Proves: printf() with two arguments more than its format uses is
 * D_PRINTF_ARG_EXTRA, counting only the used one.
 */

BEGIN
{
	printf("%s\n", "a", "b", "c");
}
