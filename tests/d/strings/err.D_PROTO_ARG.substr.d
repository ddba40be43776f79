/*
 * substr()'s second argument is an int.
 */

BEGIN
{
	x = substr("abc", "1");
}
