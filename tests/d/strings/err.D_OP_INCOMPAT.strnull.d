/*
 * A string compares with NULL (0), but not with another integer.
 */

BEGIN
{
	x = strstr("abc", "b") == 1;
}
