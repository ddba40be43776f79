/*
 * Proves: an assignment with no right-hand side is a syntax error near ";".
 */

BEGIN
{
	x = ;
}
