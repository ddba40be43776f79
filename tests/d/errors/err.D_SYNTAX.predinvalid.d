/*
 * Proves: two comparison operators in a row in a predicate is a syntax error
 * at the second.
 */

BEGIN
{
	i = 0;
}

BEGIN
/i < != > 10/
{
	exit(0);
}
