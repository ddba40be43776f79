/*
 * Proves: x /= 0 is D_DIV_ZERO like x / 0.
 */

BEGIN
{
	x = 1;
	x /= 0;
}
