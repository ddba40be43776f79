/*
 * Proves: comparing a string with an integer is D_OP_INCOMPAT.
 */

BEGIN
{
	s = "a";
	trace(s == 1);
}
