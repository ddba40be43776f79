/*
 * Proves: incrementing a constant is D_OP_LVAL.
 */

BEGIN
{
	5++;
}
