/*
 * Proves: an unknown aggregating function is D_FUNC_UNDEF.
 */

BEGIN
{
	@a = median(1);
}
