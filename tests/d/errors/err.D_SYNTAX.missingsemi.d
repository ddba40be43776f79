/*
 * Proves: two statements without a separating semicolon are a syntax error reported at the second statement.
 */

BEGIN
{
	x = 1
	y = 2;
}
