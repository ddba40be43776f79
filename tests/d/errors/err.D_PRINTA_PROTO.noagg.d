/*
 * Proves: printa() with only a format string is D_PRINTA_PROTO.
 */

BEGIN
{
	printa("%d");
}
