/*
 * Proves: assigning a string to an integer variable is D_OP_INCOMPAT.
 */

BEGIN
{
	x = 1;
	x = "str";
}
