/*
 * Proves: a string literal with a newline in it is an error.
 */

BEGIN
{
	trace("abc
	");
}
