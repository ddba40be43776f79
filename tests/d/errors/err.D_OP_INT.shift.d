/*
 * Proves: shifting a string is D_OP_INT.
 */

BEGIN
{
	s = "a";
	x = 1 << s;
}
