/*
 * Proves: remainder by the constant 0 is D_DIV_ZERO.
 */

BEGIN
{
	x = 10 % 0;
}
