/*
 * Proves: an else without an if is a syntax error.
 */

BEGIN
{
	else
		exit(0);
}
