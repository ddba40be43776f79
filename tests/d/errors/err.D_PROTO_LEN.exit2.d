/*
 * Proves: exit() with two arguments is D_PROTO_LEN.
 */

BEGIN
{
	exit(1, 2);
}
