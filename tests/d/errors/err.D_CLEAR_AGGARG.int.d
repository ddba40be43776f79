/*
 * Proves: clear() of an int is D_CLEAR_AGGARG.
 */

BEGIN
{
	clear(1);
}
