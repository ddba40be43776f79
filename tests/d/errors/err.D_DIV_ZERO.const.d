/*
 * Proves: integer division by the constant 0 is D_DIV_ZERO.
 */

BEGIN
{
	x = 1 / 0;
}
