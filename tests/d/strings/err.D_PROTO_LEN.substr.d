/*
 * substr() takes at least two arguments (dtrace's "at least" wording for
 * a prototype with an optional argument).
 */

BEGIN
{
	x = substr("abc");
}
