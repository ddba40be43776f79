/*
 * strchr()'s second argument is a char, not a string.
 */

BEGIN
{
	x = strchr("abc", "b");
}
