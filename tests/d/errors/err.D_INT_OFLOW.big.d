/*
 * Proves: an integer constant wider than 64 bits is D_INT_OFLOW.
 */

BEGIN
{
	x = 99999999999999999999;
}
