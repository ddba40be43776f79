/*
 * strjoin() takes two strings.
 */

BEGIN
{
	x = strjoin("a", 1);
}
