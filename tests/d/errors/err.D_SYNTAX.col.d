/*
 * Proves: a syntax error deep in a later line reports that line.
 */

BEGIN
{
	x = 1;
	y = 2;
	z = (x + y) * (x - );
}
