/*
 * Proves: an operator with no left operand is a syntax error.
 */

BEGIN
{
	x = * / 2;
}
