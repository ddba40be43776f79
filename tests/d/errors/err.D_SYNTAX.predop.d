/*
 * Proves: a predicate with a binary operator missing its left operand is a
 * syntax error at that operator.
 */

BEGIN
{
	i = 0;
}

BEGIN
/i != 0 && >= 5 || <= 10/
{
	exit(0);
}
