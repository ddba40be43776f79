/*
 * strtok()'s first argument is a string or NULL, not another integer.
 */

BEGIN
{
	x = strtok(1234, "abc");
}
