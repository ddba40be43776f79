/*
 * Proves: assigning to the result of an expression is D_OP_LVAL.
 */

BEGIN
{
	x = 1;
	(x + 1) = 2;
}
