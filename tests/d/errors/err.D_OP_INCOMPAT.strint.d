/*
 * Proves: assigning an int to a variable that holds a string is D_OP_INCOMPAT.
 */

BEGIN
{
	s = "text";
	s = 1;
}
