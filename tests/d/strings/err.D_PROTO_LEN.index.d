/*
 * index() takes at most three arguments.
 */

BEGIN
{
	x = index("abc", "b", 0, 1);
}
