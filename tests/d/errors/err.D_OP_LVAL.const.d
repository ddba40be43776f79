/*
 * Proves: assigning to a constant is D_OP_LVAL.
 */

BEGIN
{
	1 = 2;
}
