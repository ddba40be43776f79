/*
 * strstr() searches a string: an integer is refused.
 */

BEGIN
{
	x = strstr(pid, "1");
}
