/*
 * Proves: calling an unknown function is D_FUNC_UNDEF.
 */

BEGIN
{
	nosuchfunc(1);
}
