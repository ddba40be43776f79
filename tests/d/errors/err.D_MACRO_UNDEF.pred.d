/*
 * Proves: an undefined macro argument in a predicate is D_MACRO_UNDEF.
 */

BEGIN
/$3 == 1/
{
	exit(0);
}
