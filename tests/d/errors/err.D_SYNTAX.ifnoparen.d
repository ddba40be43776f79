/*
 * Proves: an if condition without parentheses is a syntax error.
 */

BEGIN
{
	if 1 { exit(0); }
}
