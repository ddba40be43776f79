/*
 * copyinstr() takes at most two arguments: dtrace says "at most" for a
 * prototype with an optional argument.
 */

BEGIN
{
	x = copyinstr(0, 1, 2);
}
