/*
 * Proves: a reserved word used as a variable name is a syntax error.
 */

BEGIN
{
	int = 3;
}
