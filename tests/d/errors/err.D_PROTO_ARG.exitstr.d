/*
 * Proves: exit() with a string argument is D_PROTO_ARG (prototype int).
 */

BEGIN
{
	exit("no");
}
