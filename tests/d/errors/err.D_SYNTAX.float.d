/*
 * Proves: a floating-point constant is rejected.
 */

BEGIN
{
	x = 1.5;
}
