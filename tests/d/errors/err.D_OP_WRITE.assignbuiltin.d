/*
 * Proves: assigning to the builtin timestamp is D_OP_WRITE.
 */

BEGIN
{
	timestamp = 1;
}
