/*
 * Proves: exit() with no argument is D_PROTO_LEN.
 */

BEGIN
{
	exit();
}
