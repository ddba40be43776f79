/*
 * Proves: a clause without its closing brace is a syntax error at end of input.
 */

BEGIN
{
	x = 1;
