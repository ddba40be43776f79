/*
 * Proves: referencing $2 with only one macro argument is D_MACRO_UNDEF.
 *
 * @@args: 10
 */

BEGIN
{
	trace($1 + $2);
	exit(0);
}
