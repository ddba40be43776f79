/*
 * Proves: multiplying a string is D_OP_ARITH.
 */

BEGIN
{
	s = "a";
	x = s * 2;
}
