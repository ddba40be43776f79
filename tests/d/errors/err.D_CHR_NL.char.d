/*
 * Proves: an unterminated character constant is an error.
 */

BEGIN
{
	x = 'a;
}
