/*
 * rand() takes no argument.
 */

BEGIN
{
	x = rand(1);
}
