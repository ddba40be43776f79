/*
 * Proves: referencing $1 without a macro argument is D_MACRO_UNDEF.
 */

BEGIN
{
	trace($1);
	exit(0);
}
