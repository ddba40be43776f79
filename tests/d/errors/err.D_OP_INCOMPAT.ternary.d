/*
 * Proves: ?: with a string and an int arm (non-constant condition) is
 * D_OP_INCOMPAT.
 */

BEGIN
{
	c = 1;
	x = c ? "a" : 2;
}
