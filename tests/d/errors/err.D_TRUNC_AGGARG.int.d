/*
 * Proves: trunc() of an int is D_TRUNC_AGGARG.
 */

BEGIN
{
	trunc(1);
}
