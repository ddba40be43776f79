/*
 * Proves: ++ applied to the builtin pid is D_OP_WRITE.
 */

BEGIN
{
	pid++;
}
