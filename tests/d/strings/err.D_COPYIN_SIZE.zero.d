/*
 * copyin( ) of a constant size needs at least one byte.
 */

BEGIN
{
	trace(copyin(0, 0));
}
