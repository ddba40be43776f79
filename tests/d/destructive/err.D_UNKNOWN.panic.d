/*
 * Proves: panic() is refused: dscope never panics the kernel.
 */

BEGIN
{
	panic();
}
