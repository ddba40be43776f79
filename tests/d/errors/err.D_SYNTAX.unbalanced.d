/*
 * Proves: an extra closing parenthesis is a syntax error.
 */

BEGIN
{
	trace((1 + 2)));
}
