/*
 * Proves: the remainder of a string is D_OP_INT.
 */

BEGIN
{
	s = "a";
	x = s % 2;
}
