/*
 * Proves: an extra closing parenthesis is reported by the lexer as an extra ).
 */

BEGIN
{
	x = (1 + 2));
}
